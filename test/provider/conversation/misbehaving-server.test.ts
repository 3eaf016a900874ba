import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { encodeAudio, pcmBytes } from "../../../provider/audio/index";
import {
  ConversationClient,
  ConversationClosedError,
  ConversationServerError,
  ConversationTimeoutError,
  checkAgentAudio,
  type RecordedEvent,
} from "../../../provider/index";

/**
 * A local `ws` server on 127.0.0.1:0 playing the conversation server badly, one behaviour per
 * test: `script` gets each connection and the client's initiation message.
 */
let servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

async function fakeServer(script: (ws: WebSocket, init: any) => void): Promise<string> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  servers.push(wss);
  await new Promise((r) => wss.once("listening", r));
  wss.on("connection", (ws) => ws.once("message", (data) => script(ws, JSON.parse(String(data)))));
  return `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

const metadata = (format = "pcm_16000") => ({
  type: "conversation_initiation_metadata",
  conversation_initiation_metadata_event: {
    conversation_id: "conv_fake",
    agent_output_audio_format: format,
    user_input_audio_format: "pcm_16000",
  },
});
const send = (ws: WebSocket, m: unknown) => ws.send(JSON.stringify(m));
const outgoing = (client: ConversationClient, type: string) =>
  client.events.filter((e) => e.direction === "out" && e.type === type).map((e) => e.message as any);

/** A 440 Hz tone of `ms`, 16-bit at `rate`: loud, clearly not silence. */
function tone(ms: number, rate: number): Int16Array {
  const out = new Int16Array(Math.round((rate * ms) / 1000));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate));
  return out;
}

describe("ConversationClient against a misbehaving server", () => {
  it("a server that never sends the metadata: a timeout error naming what was awaited", async () => {
    const baseUrl = await fakeServer(() => {});
    const error = await ConversationClient.connect({ baseUrl, agentId: "agent_x", timeoutMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(ConversationTimeoutError);
    expect(error.message).toContain("no conversation_initiation_metadata within 300 ms");
    expect(error.message).toContain("agent_x");
  });

  it("sends the initiation with overrides and dynamic variables, in the API's shape", async () => {
    let received: any;
    const baseUrl = await fakeServer((ws, init) => {
      received = init;
      send(ws, metadata());
    });
    const client = await ConversationClient.connect({
      baseUrl,
      agentId: "agent_x",
      overrides: { agent: { first_message: "Hi {{name}}" } },
      dynamicVariables: { name: "Ada", vip: true, visits: 3 },
    });
    expect(received).toEqual({
      type: "conversation_initiation_client_data",
      conversation_config_override: { agent: { first_message: "Hi {{name}}" } },
      dynamic_variables: { name: "Ada", vip: true, visits: 3 },
    });
    await client.close();
  });

  it("a server that drops the connection mid-call: waitFor rejects with the close code and its meaning", async () => {
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      setTimeout(() => ws.close(1011, "boom"), 50);
    });
    const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    const error = await client
      .waitFor((e) => e.type === "agent_response", { timeoutMs: 5000, description: "an answer" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConversationClosedError);
    expect(error.closeCode).toBe(1011);
    expect(error.reason).toBe("boom");
    expect(error.byServer).toBe(true);
    expect(error.message).toContain("an answer");
    expect(error.message).toContain("internal server error");
    expect(await client.closed).toEqual({ code: 1011, reason: "boom", byServer: true });
    await expect(client.sendText("hello")).rejects.toBeInstanceOf(ConversationClosedError);
  });

  it("a connection lost without a close frame is reported as 1006", async () => {
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      setTimeout(() => ws.terminate(), 50);
    });
    const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    const error = await client
      .waitFor((e) => e.type === "audio", { timeoutMs: 5000, description: "audio" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConversationClosedError);
    expect(error.closeCode).toBe(1006);
    expect(error.message).toContain("connection lost");
  });

  it("an error event: waitFor rejects with the server's code, message and details", async () => {
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      send(ws, {
        type: "error",
        error_event: { code: "LLM_TIMEOUT", message: "the model did not answer", details: { after_ms: 5000 } },
      });
    });
    const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    const error = await client
      .waitFor((e) => e.type === "agent_response", { timeoutMs: 5000, description: "an answer" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConversationServerError);
    expect(error.code).toBe("LLM_TIMEOUT");
    expect(error.serverMessage).toBe("the model did not answer");
    expect(error.details).toEqual({ after_ms: 5000 });
    // A caller that waits for the error itself gets it as an event.
    const event = await client.waitFor((e) => e.type === "error", { timeoutMs: 100, description: "the error" });
    expect(event.direction).toBe("in");
    await client.close();
  });

  it("an error event before the metadata fails connect with it", async () => {
    const baseUrl = await fakeServer((ws) => {
      send(ws, { type: "error", error_event: { code: "MISSING_DYNAMIC_VARIABLE", message: "no value for name" } });
      ws.close(1008, "no value for name");
    });
    const error = await ConversationClient.connect({ baseUrl, agentId: "agent_x" }).catch((e) => e);
    expect(error).toBeInstanceOf(ConversationServerError);
    expect(error.code).toBe("MISSING_DYNAMIC_VARIABLE");
    expect(error.closeCode).toBe(1008);
    expect(error.message).toContain("agent_x");
  });

  it("metadata in a shape it does not understand (an unknown audio format) fails connect with the reason", async () => {
    const baseUrl = await fakeServer((ws) => send(ws, metadata("opus_48000")));
    const error = await ConversationClient.connect({ baseUrl, agentId: "agent_x", timeoutMs: 5000 }).catch((e) => e);
    expect(error.code).toBe("UNEXPECTED_RESPONSE");
    expect(error.message).toContain("agent_output_audio_format");
  });

  it("a waitFor that nothing satisfies times out naming what it waited for and what came", async () => {
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      send(ws, { type: "vad_score", vad_score_event: { vad_score: 0 } });
    });
    const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    const error = await client
      .waitFor((e) => e.type === "agent_response", { timeoutMs: 100, description: "the greeting" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConversationTimeoutError);
    expect(error.description).toBe("the greeting");
    expect(error.message).toMatch(/waiting for the greeting: not within 100 ms; received since then: .*vad_score/);
    await client.close();
  });

  it("answers the live ping with pong {event_id} after ping_ms, and the contract's bare ping with a bare pong", async () => {
    const pongs: { message: any; afterMs: number }[] = [];
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      const sentAt = performance.now();
      ws.on("message", (d) => {
        const m = JSON.parse(String(d));
        if (m.type === "pong") pongs.push({ message: m, afterMs: performance.now() - sentAt });
      });
      send(ws, { type: "ping", ping_event: { event_id: 7, ping_ms: 120 } });
      send(ws, { type: "ping" });
    });
    const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    await client.waitFor((e) => e.type === "pong" && (e.message as any).event_id === 7, {
      timeoutMs: 2000,
      description: "the live pong",
    });
    await client.waitFor((e) => e.direction === "out" && e.type === "pong" && !("event_id" in (e.message as any)), {
      timeoutMs: 2000,
      description: "the bare pong",
    });
    expect(outgoing(client, "pong")).toEqual([{ type: "pong" }, { type: "pong", event_id: 7 }]);
    await client.close();
    const live = pongs.find((p) => p.message.event_id === 7);
    expect(live?.afterMs).toBeGreaterThanOrEqual(119);
  });

  it("answers client tool calls in both forms from the table: result, error, a throwing tool, an unknown tool", async () => {
    const results: any[] = [];
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      ws.on("message", (d) => {
        const m = JSON.parse(String(d));
        if (m.type === "client_tool_result") results.push(m);
      });
      send(ws, {
        type: "client_tool_call",
        client_tool_call: { tool_name: "open_cart", tool_call_id: "c1", parameters: { items: 2 } },
      });
      send(ws, { type: "tool_call", tool_call_event: { tool_name: "open_cart", tool_call_id: "c2", parameters: {} } });
      send(ws, {
        type: "client_tool_call",
        client_tool_call: { tool_name: "refuse", tool_call_id: "c3", parameters: {} },
      });
      send(ws, {
        type: "client_tool_call",
        client_tool_call: { tool_name: "explode", tool_call_id: "c4", parameters: {} },
      });
      send(ws, {
        type: "client_tool_call",
        client_tool_call: { tool_name: "nope", tool_call_id: "c5", parameters: {} },
      });
      // A contract tool_call for a tool the table does not have is a server tool: not answered.
      send(ws, {
        type: "tool_call",
        tool_call_event: { tool_name: "get_order_status", tool_call_id: "s1", parameters: {} },
      });
    });
    const seen: Record<string, unknown>[] = [];
    const client = await ConversationClient.connect({
      baseUrl,
      agentId: "agent_x",
      clientTools: {
        open_cart: async (parameters) => {
          seen.push(parameters);
          return { result: "cart opened" };
        },
        refuse: () => ({ error: "not allowed" }),
        explode: () => {
          throw new Error("kaboom");
        },
      },
    });
    await client.waitFor((e) => e.direction === "out" && (e.message as any).tool_call_id === "c5", {
      timeoutMs: 2000,
      description: "the unknown tool's answer",
    });
    await new Promise((r) => setTimeout(r, 50));
    const answers = Object.fromEntries(outgoing(client, "client_tool_result").map((m) => [m.tool_call_id, m]));
    expect(Object.keys(answers).sort()).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(answers.c1).toEqual({
      type: "client_tool_result",
      tool_call_id: "c1",
      result: "cart opened",
      is_error: false,
    });
    expect(answers.c2.is_error).toBe(false);
    expect(answers.c3).toEqual({
      type: "client_tool_result",
      tool_call_id: "c3",
      result: "not allowed",
      is_error: true,
    });
    expect(answers.c4.is_error).toBe(true);
    expect(answers.c4.result).toContain("kaboom");
    expect(answers.c5.is_error).toBe(true);
    expect(answers.c5.result).toContain('unknown client tool "nope"');
    expect(seen).toEqual([{ items: 2 }, {}]);
    expect(results.map((r) => r.tool_call_id).sort()).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    await client.close();
  });

  it("trailing silence defaults to the VAD's silence_duration_ms (overridden or 700 ms) plus 500 ms", async () => {
    const received: number[] = [];
    const baseUrl = await fakeServer((ws) => {
      send(ws, {
        ...metadata(),
        conversation_initiation_metadata_event: {
          ...metadata().conversation_initiation_metadata_event,
          user_input_audio_format: "pcm_8000",
        },
      });
      ws.on("message", (d) => {
        const m = JSON.parse(String(d));
        if (m.user_audio_chunk) received.push(Buffer.from(m.user_audio_chunk, "base64").length);
      });
    });
    const second = { samples: new Float32Array(8000).fill(0.25), sampleRate: 8000 };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const plain = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    expect(plain.userInputFormat).toBe("pcm_8000");
    await plain.sendAudio(second, { speed: Infinity });
    await plain.close();
    expect(sum(received)).toBe(16000 + 1.2 * 16000); // 1 s of speech + 1,200 ms of silence, 2 bytes a sample
    expect(received[0]).toBe(4000); // 250 ms chunks
    received.length = 0;
    const quick = await ConversationClient.connect({
      baseUrl,
      agentId: "agent_x",
      overrides: { turn: { silence_duration_ms: 300 } },
    });
    await quick.sendAudio(second, { speed: Infinity, chunkMs: 100 });
    await expect(quick.sendAudio(second, { speed: 0 })).rejects.toThrow("speed must be > 0");
    await quick.close();
    expect(sum(received)).toBe(16000 + 0.8 * 16000);
    expect(received[0]).toBe(1600);
    await expect(quick.sendAudio(second)).rejects.toBeInstanceOf(ConversationClosedError);
  });

  it("a socket that closes while audio streams stops sendAudio with the close", async () => {
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      let chunks = 0;
      ws.on("message", () => {
        if (++chunks === 3) ws.close(1008, "invalid message");
      });
    });
    const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    const error = await client
      .sendAudio({ samples: new Float32Array(16000 * 5), sampleRate: 16000 }, { speed: 20 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConversationClosedError);
    expect(error.message).toContain("1008 policy violation");
    expect(error.message).toContain("invalid message");
  });

  it("agentAudio drops audio of an interrupted response that arrives after the interruption, as a player would", async () => {
    const chunk = (eventId: number, value: number) => ({
      type: "audio",
      audio_event: { audio_base_64: pcmBytes(new Int16Array(160).fill(value)).toString("base64"), event_id: eventId },
    });
    const baseUrl = await fakeServer((ws) => {
      send(ws, metadata());
      send(ws, chunk(1, 1000));
      send(ws, chunk(1, 1000));
      send(ws, { type: "interruption", interruption_event: { event_id: 1 } });
      send(ws, chunk(1, 9999)); // late: already cut
      send(ws, chunk(2, 2000));
      send(ws, { type: "agent_response", agent_response_event: { agent_response: "end" } });
    });
    const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
    await client.waitFor((e) => e.type === "agent_response", { timeoutMs: 2000, description: "the end" });
    const audio = client.agentAudio();
    expect(audio).toMatchObject({ sampleRate: 16000, chunks: 3, eventIds: [1, 2] });
    expect(audio.pcm.length).toBe(480);
    expect(audio.pcm.some((s) => Math.abs(s - 9999 / 0x8000) < 1e-6)).toBe(false);
    // `since` keeps only what came at or after it.
    const second = client.events.find((e) => e.type === "audio" && (e.message as any).audio_event.event_id === 2);
    expect(client.agentAudio(second?.at).eventIds).toEqual([2]);
    await client.close();
  });

  describe("audio in another format than the announced one fails the audio checks", () => {
    const audioEvent = (bytes: Buffer, eventId: number, extra: Record<string, unknown> = {}) => ({
      type: "audio",
      audio_event: { audio_base_64: bytes.toString("base64"), event_id: eventId, is_final: true, ...extra },
    });
    const run = async (format: string, frames: unknown[]): Promise<readonly RecordedEvent[]> => {
      const baseUrl = await fakeServer((ws) => {
        send(ws, metadata(format));
        for (const f of frames) send(ws, f);
        send(ws, { type: "agent_response", agent_response_event: { agent_response: "done" } });
      });
      const client = await ConversationClient.connect({ baseUrl, agentId: "agent_x" });
      await client.waitFor((e) => e.type === "agent_response", { timeoutMs: 2000, description: "the end" });
      await client.close();
      return client.events;
    };
    const failures = (events: readonly RecordedEvent[]) => checkAgentAudio(events).filter((r) => !r.ok);

    it("an MP3 stream where pcm_16000 was announced", async () => {
      const mp3 = Buffer.concat([
        Buffer.from("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000", "latin1"),
        Buffer.alloc(400, 0x55),
      ]);
      const [failure] = failures(await run("pcm_16000", [audioEvent(mp3, 1)]));
      expect(failure).toMatchObject({ ok: false, check: "audio-format", eventId: 1 });
      expect(failure?.detail).toContain("ID3");
    });

    it("a pcm chunk of odd byte length", async () => {
      const [failure] = failures(await run("pcm_16000", [audioEvent(pcmBytes(tone(100, 16000)).subarray(0, 3199), 1)]));
      expect(failure).toMatchObject({ ok: false, check: "audio-format" });
      expect(failure?.detail).toContain("3199 bytes");
    });

    it("44.1 kHz samples announced as pcm_16000: longer than their alignment says", async () => {
      const samples = tone(1000, 44100);
      const chars = "hello there".split("");
      const alignment = {
        chars,
        char_start_times_ms: chars.map((_, i) => i * 90),
        char_durations_ms: chars.map(() => 90),
      };
      const events = await run("pcm_16000", [audioEvent(pcmBytes(samples), 1, { alignment })]);
      const [failure] = failures(events);
      expect(failure).toMatchObject({ ok: false, check: "audio-duration", eventId: 1 });
      expect(failure?.detail).toContain("not at the announced rate");
      // The same bytes announced at their real rate pass.
      expect(failures(await run("pcm_44100", [audioEvent(pcmBytes(samples), 1, { alignment })]))).toEqual([]);
    });

    it("silence where speech was expected", async () => {
      const quiet = encodeAudio(new Int16Array(16000), 16000, "ulaw_8000");
      const [failure] = failures(await run("ulaw_8000", [audioEvent(quiet, 1)]));
      expect(failure).toMatchObject({ ok: false, check: "audio-not-silent" });
    });
  });
});
