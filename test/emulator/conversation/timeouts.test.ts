import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { connect, finishedRecord } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start({ conversationStepMs: 20 });
});
afterAll(() => t.close());

const agentWith = async (conversation: Record<string, number>) =>
  (await t.api("POST", "/agents", { name: "Clocked", conversation_config: { conversation } })).body.agent_id as string;

describe("conversation clocks", () => {
  it("closes with 1002 after timeout_seconds without user input; the record is done", async () => {
    const c = await connect(t, await agentWith({ timeout_seconds: 1 }));
    const id = c.client.conversationId;
    expect(await c.closed).toEqual({ code: 1002, reason: "no user input" });
    expect((await finishedRecord(t, id)).status).toBe("done");
  });

  it("closes with 1000 at max_duration_seconds, even while the user keeps talking", async () => {
    const c = await connect(t, await agentWith({ max_duration_seconds: 1, timeout_seconds: 30 }));
    c.send({ type: "user_activity" });
    expect(await c.closed).toEqual({ code: 1000, reason: "maximum conversation duration reached" });
  });
});
