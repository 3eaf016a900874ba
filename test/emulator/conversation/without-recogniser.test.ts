import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spokenWav } from "../../support/speech-fixtures";
import { TestEmulator } from "../../support/test-emulator";
import { connect } from "./helpers";

let t: TestEmulator;
const lines: string[] = [];
let agentId: string;
beforeAll(async () => {
  // As on a machine without PocketSphinx: it is looked up on PATH when the emulator starts.
  const path = process.env.PATH;
  process.env.PATH = "/nonexistent";
  try {
    t = await TestEmulator.start({ log: (line) => lines.push(line) });
  } finally {
    process.env.PATH = path;
  }
  agentId = (await t.api("POST", "/agents", { name: "Deaf" })).body.agent_id;
});
afterAll(() => t.close());

describe("an emulator without speech recognition", () => {
  it("says so once at start-up with the install command, and still holds text conversations", async () => {
    expect(lines[0]).toBe(
      "speech recognition off (pocketsphinx_continuous is not installed); install it with: " +
        "apt-get install -y pocketsphinx pocketsphinx-en-us; text conversations still work",
    );
    const c = await connect(t, agentId);
    await c.client.sendAudio(spokenWav("parking.wav"), { speed: Infinity, trailingSilenceMs: 1000 });
    expect((await c.next("error")).error_event.code).toBe("RECOGNITION_UNAVAILABLE");
    c.send({ type: "user_message", text: "Hello?" });
    expect((await c.next("agent_response")).agent_response_event.agent_response).toBe(
      "I'm sorry, I don't have an answer to that.",
    );
    await c.client.close();
    expect(lines.filter((line) => line.startsWith("speech recognition"))).toHaveLength(1);
  });
});
