/**
 * The runner against a local `ws` server playing an agent that fails in ways the emulator's agent
 * never does: silent audio (a synthesis failure the text alone would hide) and a server that
 * drops the call mid-conversation (a connection failure, with its close code).
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { parseScript, runSmokeTest, type SmokeResult } from "../../../provider/smoke/index";

let servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

/** A fake conversation server: metadata on initiation, then `onUserMessage` for each typed turn. */
async function fakeAgent(onUserMessage: (ws: WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  servers.push(wss);
  await new Promise((r) => wss.once("listening", r));
  wss.on("connection", (ws) =>
    ws.on("message", (data) => {
      const m = JSON.parse(String(data));
      if (m.type === "conversation_initiation_client_data")
        ws.send(
          JSON.stringify({
            type: "conversation_initiation_metadata",
            conversation_initiation_metadata_event: {
              conversation_id: "conv_fake",
              agent_output_audio_format: "pcm_16000",
              user_input_audio_format: "pcm_16000",
            },
          }),
        );
      else if (m.type === "user_message") onUserMessage(ws);
    }),
  );
  return `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

const ANSWER = "Returns are accepted within thirty days.";

async function run(baseUrl: string): Promise<SmokeResult["runs"][number]> {
  const parsed = parseScript({
    agentId: "agent_fake",
    limits: { stepTimeoutMs: 3000 },
    steps: [{ text: "Are returns accepted?" }, { expectAgent: { contains: "thirty days" } }],
  });
  if (!parsed.ok) throw new Error("bad script");
  const result = await runSmokeTest(parsed.script, { baseUrl });
  return result.runs[0] as SmokeResult["runs"][number];
}

describe("the runner against a misbehaving agent", () => {
  it("the right words in silent audio: the steps pass, the audio check fails as synthesis", async () => {
    const baseUrl = await fakeAgent((ws) => {
      ws.send(
        JSON.stringify({ type: "agent_response", agent_response_event: { agent_response: ANSWER, event_id: 1 } }),
      );
      // 2.5 s of digital silence, announced as pcm_16000: decodes fine, says nothing.
      const silence = Buffer.alloc(16000 * 2 * 2.5).toString("base64");
      ws.send(JSON.stringify({ type: "audio", audio_event: { audio_base_64: silence, event_id: 1, is_final: true } }));
    });
    const run1 = await run(baseUrl);
    expect(run1.passed).toBe(false);
    expect(run1.steps.filter((s) => s.index >= 0).map((s) => s.status)).toEqual(["passed", "passed"]);
    expect(run1.failure).toMatchObject({ kind: "agentAudio", layer: "synthesis" });
    expect(run1.failure?.got).toMatch(/silence/);
  });

  it("a server that drops the call after the question: a connection failure naming the close code", async () => {
    const baseUrl = await fakeAgent((ws) => ws.close(1011, "internal error"));
    const run1 = await run(baseUrl);
    expect(run1.failure).toMatchObject({ kind: "expectAgent", layer: "connection", got: "the call closed (1011)" });
    expect(run1.transcript.at(-1)?.text).toBe('(call closed 1011 "internal error")');
  });
});
