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

  it("without any key rejects with CONFIG_MISSING_API_KEY (a rejected promise, not a throw)", async () => {
    delete process.env.ELEVENLABS_API_KEY;
    const pending = listConversations();
    await expect(pending).rejects.toMatchObject({ code: "CONFIG_MISSING_API_KEY" });
  });
});
