/**
 * Random and hostile frames on the conversation socket: text that is not JSON, JSON of the wrong
 * shape, real message types with wrong fields, binary frames, invalid UTF-8, frames above the
 * size limit, and bursts. Each conversation must either go on (answering a ping with a pong) or
 * close with a protocol code (never 1011, an internal error), every error event must carry a
 * code, and the server must stay healthy for the next caller.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { publicConversationUrl } from "../../../provider/index";
import { TestEmulator } from "../../support/test-emulator";
import { connect } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  // No first message, no knowledge base: the agent stays quiet unless a frame makes it speak.
  t = await TestEmulator.start({ conversationStepMs: 10 });
  agentId = (await t.api("POST", "/agents", { name: "Target" })).body.agent_id;
});
afterAll(() => t.close());

const TYPES = [
  "conversation_initiation_client_data",
  "user_input",
  "user_message",
  "ping",
  "pong",
  "interruption",
  "client_tool_result",
  "contextual_update",
  "feedback",
  "user_activity",
];

type Frame = { data: string | Buffer; binary?: boolean };

const wrongField = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, Number.POSITIVE_INFINITY, "", "x".repeat(10_000), [], {}, { __proto__: null }),
);

const frame: fc.Arbitrary<Frame> = fc.oneof(
  { arbitrary: fc.string().map((s) => ({ data: s })), weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ data: JSON.stringify(v) })), weight: 3 },
  {
    arbitrary: fc
      .record({
        type: fc.constantFrom(...TYPES),
        fields: fc.dictionary(
          fc.constantFrom(
            "text",
            "event_id",
            "tool_call_id",
            "result",
            "is_error",
            "conversation_config_override",
            "dynamic_variables",
            "__proto__",
            "constructor",
          ),
          wrongField,
          { maxKeys: 3 },
        ),
      })
      .map(({ type, fields }) => ({ data: JSON.stringify({ type, ...fields }) })),
    weight: 6,
  },
  {
    arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ data: JSON.stringify({ user_audio_chunk: s }) })),
    weight: 1,
  },
  {
    arbitrary: fc
      .uint8Array({ maxLength: 3200 })
      .map((b) => ({ data: JSON.stringify({ user_audio_chunk: Buffer.from(b).toString("base64") }) })),
    weight: 1,
  },
  { arbitrary: fc.uint8Array({ maxLength: 1024 }).map((b) => ({ data: Buffer.from(b), binary: true })), weight: 2 },
  // Invalid UTF-8 in a text frame.
  { arbitrary: fc.constant({ data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), binary: false }), weight: 1 },
  { arbitrary: fc.constant({ data: `{"type":"user_message","text":"${"y".repeat(1_000_000)}"}` }), weight: 1 },
  { arbitrary: fc.constant({ data: `${"[".repeat(100_000)}` }), weight: 1 },
);

/** Over the server's 16 MiB frame limit: the socket must close with 1009, nothing else. */
const OVERSIZED: Frame = { data: Buffer.alloc(16 * 1024 * 1024 + 1, 0x61), binary: false };

const ALLOWED_CLOSES = [1000, 1002, 1007, 1008, 1009];

async function play(frames: Frame[]) {
  const ws = new WebSocket(publicConversationUrl(t.baseUrl, agentId));
  const events: { type: string; [k: string]: any }[] = [];
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("message", (data) => events.push(JSON.parse(String(data))));
  ws.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  for (const f of frames) ws.send(f.data, { binary: f.binary ?? false });
  // Still talking? Then a ping gets a pong; else the close code says why it stopped.
  ws.send(JSON.stringify({ type: "ping", event_id: 424242 }));
  const outcome = await Promise.race([
    closed.then((code) => ({ code })),
    new Promise<{ pong: true }>((resolve) => {
      const check = () => {
        if (events.some((e) => e.type === "pong" && e.pong_event?.event_id === 424242)) resolve({ pong: true });
        else setTimeout(check, 5);
      };
      check();
    }),
  ]);
  if ("pong" in outcome) ws.close(1000);
  return { outcome, events, closed };
}

describe("the conversation socket under hostile frames", () => {
  it("answers or closes properly, whatever the frames; error events carry a code", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        const { outcome, events } = await play(frames);
        if ("code" in outcome) expect(ALLOWED_CLOSES, `closed with ${outcome.code}`).toContain(outcome.code);
        for (const e of events.filter((m) => m.type === "error")) {
          expect(typeof e.error_event?.code).toBe("string");
          expect(e.error_event.code).not.toBe("INTERNAL_ERROR");
        }
      }),
      { numRuns: 100 },
    );
  });

  it("a burst of 500 bad frames is answered frame by frame and the call goes on", async () => {
    const { outcome, events } = await play(
      Array.from({ length: 500 }, (_, i) => ({ data: `{"type":"dance","n":${i}}` })),
    );
    expect(outcome).toEqual({ pong: true });
    expect(events.filter((e) => e.type === "error")).toHaveLength(500);
  });

  it("a user message of one megabyte-long word gets an answer, not an internal error", async () => {
    // Fuzzy knowledge search once tried to allocate a (length + 1)² matrix for it and closed 1011.
    const { outcome, events } = await play([{ data: JSON.stringify({ type: "user_message", text: "y".repeat(1e6) }) }]);
    expect(outcome).toEqual({ pong: true });
    const c = await connect(t, agentId);
    c.send({ type: "user_message", text: "z".repeat(1e6) });
    expect((await c.next("agent_response")).agent_response_event.agent_response).toBe(
      "I'm sorry, I don't have an answer to that.",
    );
    c.close();
    expect(events.some((e) => e.type === "error")).toBe(false);
  });

  it("a frame over the size limit closes the socket with 1009", async () => {
    const { outcome } = await play([OVERSIZED]);
    expect(outcome).toEqual({ code: 1009 });
  });

  it("stays healthy for the next caller: REST answers and a new conversation starts", async () => {
    expect((await t.api("GET", "/agents")).status).toBe(200);
    const c = await connect(t, agentId);
    expect((await c.metadata()).type).toBe("conversation_initiation_metadata");
    c.close();
    const conversations = await t.listAll(`/conversations?agent_id=${agentId}`, "conversations");
    expect(conversations.length).toBeGreaterThan(0);
  });
});
