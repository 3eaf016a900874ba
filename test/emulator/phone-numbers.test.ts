import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  t = await TestEmulator.start();
  agentId = (await t.api("POST", "/agents", { name: "Phone agent" })).body.agent_id;
});
afterAll(() => t.close());

describe("phone numbers", () => {
  it("creates a number in the area code with status active and default capabilities", async () => {
    const res = await t.api("POST", "/phone-numbers", {
      agent_id: agentId,
      area_code: "415",
      country: "US",
      webhook_url: "https://example.com/hook",
    });
    expect(res.status).toBe(200);
    expect(res.body.phone_number_id).toMatch(/^pn_/);
    expect(res.body.phone_number).toMatch(/^\+1415555\d{4}$/);
    expect(res.body).toMatchObject({ agent_id: agentId, status: "active", capabilities: { voice: true, sms: false } });
  });

  it("gets, patches, filters by agent and status, and releases", async () => {
    const { body: pn } = await t.api("POST", "/phone-numbers", { country: "GB" });
    expect(pn.phone_number).toMatch(/^\+44/);
    const patched = await t.api("PATCH", `/phone-numbers/${pn.phone_number_id}`, {
      agent_id: agentId,
      greeting_message: "Hello",
      status: "inactive",
      phone_number: "+10000000000",
    });
    expect(patched.body).toMatchObject({
      agent_id: agentId,
      greeting_message: "Hello",
      status: "inactive",
      phone_number: pn.phone_number,
    });
    expect((await t.api("GET", `/phone-numbers/${pn.phone_number_id}`)).body).toEqual(patched.body);
    const inactive = await t.api("GET", `/phone-numbers?status=inactive&agent_id=${agentId}`);
    expect(inactive.body.phone_numbers.map((n: { phone_number_id: string }) => n.phone_number_id)).toEqual([
      pn.phone_number_id,
    ]);
    expect((await t.api("GET", `/phone-numbers?agent_id=${agentId}`)).body.pagination.total_count).toBe(2);
    expectError(await t.api("GET", "/phone-numbers?status=lost"), 400, "VALIDATION_ERROR");
    expect((await t.api("DELETE", `/phone-numbers/${pn.phone_number_id}`)).status).toBe(200);
    expectError(await t.api("GET", `/phone-numbers/${pn.phone_number_id}`), 404, "NOT_FOUND");
    expectError(await t.api("DELETE", `/phone-numbers/${pn.phone_number_id}`), 404, "NOT_FOUND");
  });

  it("requires country, checks types and rejects unknown agents on the agent_id field", async () => {
    expect(expectError(await t.api("POST", "/phone-numbers", {}), 400, "VALIDATION_ERROR").details.field).toBe(
      "country",
    );
    expect(
      expectError(await t.api("POST", "/phone-numbers", { country: "US", area_code: 415 }), 400, "VALIDATION_ERROR")
        .details.field,
    ).toBe("area_code");
    expect(
      expectError(
        await t.api("POST", "/phone-numbers", { country: "US", capabilities: { sms: "no" } }),
        400,
        "VALIDATION_ERROR",
      ).details.field,
    ).toBe("capabilities.sms");
    expect(
      expectError(
        await t.api("POST", "/phone-numbers", { country: "US", agent_id: "agent_nope" }),
        400,
        "VALIDATION_ERROR",
      ).details.field,
    ).toBe("agent_id");
    expectError(await t.api("PATCH", "/phone-numbers/pn_missing", {}), 404, "NOT_FOUND");
  });
});
