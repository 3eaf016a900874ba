/**
 * The contract's phone numbers (bought by country and area code, which replace when changed),
 * against a seed emulator. The lifecycle both profiles share (the live profile imports a Twilio
 * or SIP-trunk number) is in profiles.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { phoneNumberHandler as h } from "../../../provider/handlers/phone-number";
import { checked, token, useEmulator } from "./harness";

describe("PhoneNumber handler, seed API profile (numbers bought by country and area code)", () => {
  const ctx = useEmulator("seed");
  let agentA: string;
  let agentB: string;

  beforeAll(async () => {
    agentA = (await ctx.emulator.api("POST", "/agents", { name: "A" })).body.agent_id;
    agentB = (await ctx.emulator.api("POST", "/agents", { name: "B" })).body.agent_id;
  });

  it("check names the bad field", async () => {
    const r = await h.check({}, { country: "usa", areaCode: "4" });
    expect(r.failures).toEqual([
      { property: "", reason: 'country: expected an ISO 3166-1 alpha-2 country code such as "US", got "usa"' },
      { property: "", reason: 'areaCode: expected 2 to 5 digits, got "4"' },
    ]);
  });

  it("agent, webhook URL and greeting update in place; area code, country and capabilities replace", async () => {
    const inputs = await checked(h, {
      agentId: agentA,
      country: "US",
      areaCode: "415",
      capabilities: { voice: true, sms: false },
      creationToken: token("pn"),
    });
    const { id, outs } = await h.create(inputs);
    expect((outs as any).phoneNumber).toMatch(/^\+1415/);
    expect((outs as any).status).toBe("active");
    expect((await h.diff(id, (await h.read(id, outs!)).props!, inputs)).changes).toBe(false);

    const moved = await checked(h, {
      ...inputs,
      agentId: agentB,
      greetingMessage: "Hi",
      webhookUrl: "https://example.com/hook",
    });
    expect(await h.diff(id, outs!, moved)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    await h.update(id, outs!, moved);
    const live = (await ctx.emulator.api("GET", `/phone-numbers/${id}`)).body;
    expect([live.agent_id, live.greeting_message, live.webhook_url]).toEqual([
      agentB,
      "Hi",
      "https://example.com/hook",
    ]);

    const diff = await h.diff(
      id,
      outs!,
      await checked(h, { ...inputs, areaCode: "212", capabilities: { voice: true, sms: true } }),
    );
    expect(diff.replaces).toEqual(["areaCode", "capabilities"]);
    await h.delete(id, outs!);
    await h.delete(id, outs!);
    expect(await h.read(id, outs!)).toEqual({});
  });

  it("recovery by creation token finds the number (list without summaries or with)", async () => {
    const inputs = await checked(h, { country: "US", areaCode: "646", creationToken: token("pn") });
    const first = await h.create(inputs);
    const second = await h.create(inputs);
    expect(second.id).toBe(first.id);
  });
});
