import { describe, expect, it } from "vitest";
import { getSignedUrl } from "../../../provider/functions";
import { useEmulatorClient } from "../client/emulator-harness";

const ctx = useEmulatorClient();

describe("getSignedUrl", () => {
  it("returns a wss URL for the agent that does not contain the API key", async () => {
    const { agent_id } = await ctx.client.request<{ agent_id: string }>("agents.create", { body: { name: "private" } });
    const signed = await getSignedUrl(ctx.client, agent_id);
    expect(signed.signedUrl).toMatch(/^wss?:\/\//);
    expect(signed.signedUrl).toContain(agent_id);
    expect(signed.signedUrl).not.toContain(ctx.emulator.apiKey);
  });

  it("a missing agent is NOT_FOUND", async () => {
    await expect(getSignedUrl(ctx.client, "agent_missing")).rejects.toMatchObject({ status: 404, code: "NOT_FOUND" });
  });
});
