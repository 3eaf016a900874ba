import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { agentBody, expect422, expectDetail, LIVE } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  t = await TestEmulator.start(LIVE);
  agentId = (await t.api("POST", "/agents/create", agentBody({ name: "Reception" }))).body.agent_id;
});
afterAll(() => t.close());

/** The documented import bodies (PY `phone_numbers/types/phone_numbers_create_request_body.py`). */
const twilio = (extra: Record<string, unknown> = {}) => ({
  provider: "twilio",
  phone_number: "+14155550100",
  label: "Front desk",
  sid: "AC123",
  token: "twilio-auth-token",
  ...extra,
});
const sipTrunk = {
  provider: "sip_trunk",
  phone_number: "+442071838750",
  label: "PBX",
  inbound_trunk_config: { allowed_addresses: ["10.0.0.1"], credentials: { username: "in", password: "in-pass" } },
  outbound_trunk_config: { address: "sip.example.com", credentials: { username: "out", password: "out-pass" } },
};

describe("live phone numbers", () => {
  it("imports a Twilio number answering only {phone_number_id}; GET nests the agent and never shows the token", async () => {
    const res = await t.api("POST", "/phone-numbers", twilio({ agent_id: agentId, custom: 1 }));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["phone_number_id"]);
    const got = (await t.api("GET", `/phone-numbers/${res.body.phone_number_id}`)).body;
    expect(got).toMatchObject({
      phone_number_id: res.body.phone_number_id,
      provider: "twilio",
      phone_number: "+14155550100",
      label: "Front desk",
      supports_inbound: true,
      supports_outbound: true,
      assigned_agent: { agent_id: agentId, agent_name: "Reception" },
      custom: 1,
    });
    expect(got).not.toHaveProperty("agent_id");
    expect(got).not.toHaveProperty("status");
    expect(JSON.stringify(got)).not.toContain("twilio-auth-token");
    const agent = (await t.api("GET", `/agents/${agentId}`)).body;
    expect(agent.phone_numbers).toEqual([expect.objectContaining({ phone_number_id: res.body.phone_number_id })]);
  });

  it("imports a SIP trunk: GET shows inbound_trunk/outbound_trunk with has_auth_credentials, never passwords", async () => {
    const { phone_number_id } = (await t.api("POST", "/phone-numbers", sipTrunk)).body;
    const got = (await t.api("GET", `/phone-numbers/${phone_number_id}`)).body;
    expect(got.inbound_trunk).toMatchObject({
      allowed_addresses: ["10.0.0.1"],
      has_auth_credentials: true,
      username: "in",
    });
    expect(got.outbound_trunk).toMatchObject({
      address: "sip.example.com",
      has_auth_credentials: true,
      username: "out",
    });
    expect(got.livekit_stack).toBe("standard");
    expect(got.assigned_agent).toBeNull();
    expect(JSON.stringify(got)).not.toMatch(/in-pass|out-pass/);
  });

  it("lists as a bare array, unpaged, filtered by provider", async () => {
    const all = await t.api("GET", "/phone-numbers");
    expect(Array.isArray(all.body)).toBe(true);
    expect(all.body.length).toBeGreaterThanOrEqual(2);
    const sip = await t.api("GET", "/phone-numbers?provider=sip_trunk");
    expect(sip.body.every((n: { provider: string }) => n.provider === "sip_trunk")).toBe(true);
    expect(expect422(await t.api("GET", "/phone-numbers?provider=carrier-pigeon"))).toEqual(["query.provider"]);
  });

  it("PATCH assigns or unassigns the agent and relabels; the provider and number stay", async () => {
    const { phone_number_id } = (await t.api("POST", "/phone-numbers", twilio({ phone_number: "+14155550101" }))).body;
    const patched = await t.api("PATCH", `/phone-numbers/${phone_number_id}`, {
      agent_id: agentId,
      label: "Renamed",
      provider: "sip_trunk",
    });
    expect(patched.body).toMatchObject({ label: "Renamed", provider: "twilio", assigned_agent: { agent_id: agentId } });
    const cleared = await t.api("PATCH", `/phone-numbers/${phone_number_id}`, { agent_id: null });
    expect(cleared.body.assigned_agent).toBeNull();
    expect(expect422(await t.api("PATCH", `/phone-numbers/${phone_number_id}`, { agent_id: "agent_nope" }))).toEqual([
      "body.agent_id",
    ]);
  });

  it("validates the import per provider with 422 loc paths; deletes with {} and then 404s", async () => {
    const bad = await t.api("POST", "/phone-numbers", { provider: "twilio", phone_number: "0800", label: "x" });
    expect(expect422(bad).sort()).toEqual(["body.phone_number", "body.sid", "body.token"]);
    expect(expect422(await t.api("POST", "/phone-numbers", { provider: "exotel2" }))).toEqual(["body.provider"]);
    const { phone_number_id } = (await t.api("POST", "/phone-numbers", twilio({ phone_number: "+14155550102" }))).body;
    expect(await t.api("DELETE", `/phone-numbers/${phone_number_id}`)).toMatchObject({ status: 200, body: {} });
    expectDetail(await t.api("GET", `/phone-numbers/${phone_number_id}`), 404, "phone_number_not_found");
  });
});
