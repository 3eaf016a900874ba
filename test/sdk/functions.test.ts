import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSignedUrl, listConversations } from "../../sdk/functions";
import { TestEmulator } from "../support/test-emulator";

let emulator: TestEmulator;
const saved = { ...process.env };
beforeAll(async () => {
  emulator = await TestEmulator.start({ apiKey: "sdk-test-key" });
});
afterAll(async () => {
  process.env = { ...saved };
  await emulator.close();
});

describe("sdk/functions", () => {
  it("uses explicit options first", async () => {
    delete process.env.ELEVENLABS_API_KEY;
    const conversations = await listConversations({}, { apiKey: "sdk-test-key", baseUrl: emulator.baseUrl });
    expect(conversations).toEqual([]);
  });

  it("outside a Pulumi program falls back to ELEVENLABS_API_KEY / ELEVENLABS_BASE_URL", async () => {
    process.env.ELEVENLABS_API_KEY = "sdk-test-key";
    process.env.ELEVENLABS_BASE_URL = emulator.baseUrl;
    await expect(getSignedUrl("agent_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("apiProfile chooses the shapes: live filters against a live emulator, the contract's refused naming the profile", async () => {
    const live = await TestEmulator.start({ apiKey: "sdk-test-key", profile: "live" });
    try {
      const options = { apiKey: "sdk-test-key", baseUrl: live.baseUrl, apiProfile: "live" } as const;
      expect(await listConversations({ callStartAfterUnix: 0, excludeStatuses: ["failed"] }, options)).toEqual([]);
      await expect(listConversations({ status: "done" }, options)).rejects.toThrow(
        /filters\.status: belongs to the seed API's shape, and this client speaks the live API profile/,
      );
      expect((await live.stats()).byRoute["GET /v1/convai/conversations"]).toBe(1);
    } finally {
      await live.close();
    }
  });

  it("without any key rejects with CONFIG_MISSING_API_KEY (a rejected promise, not a throw)", async () => {
    delete process.env.ELEVENLABS_API_KEY;
    const pending = listConversations();
    await expect(pending).rejects.toMatchObject({ code: "CONFIG_MISSING_API_KEY" });
  });
});
