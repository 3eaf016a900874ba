/**
 * The smoke-test runner against the real emulator: its deterministic agent answers from the
 * knowledge base, calls a server tool over real HTTP and a client tool through the socket, hears
 * spoken turns through PocketSphinx and ends calls. Every failure here is a real one the runner
 * had to notice and classify.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Script } from "../../../provider/models/conversation-smoke-test";
import { formatReport, parseScript, runSmokeTest, type SmokeResult } from "../../../provider/smoke/index";
import { createShopAgent, SHOP } from "../../support/shop-agent";
import { TestEmulator } from "../../support/test-emulator";

let t: TestEmulator;
let backend: Server;
/** The shop agent: greets, answers from its knowledge base, ends calls on "goodbye". */
let shopId: string;
/** No greeting; a server tool (order status over HTTP) and a client tool (the cart on screen). */
let toolsId: string;
/** A server tool whose backend works once, then fails. */
let flakyId: string;
let flakyCalls = 0;

beforeAll(async () => {
  backend = createServer((req, res) => {
    const fail = req.url?.startsWith("/flaky/") && flakyCalls++ > 0;
    res.writeHead(fail ? 500 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(fail ? { error: "down" } : { status: "shipped" }));
  });
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  t = await TestEmulator.start({ conversationStepMs: 20 });
  shopId = await createShopAgent(t);
  const order = await t.api("POST", "/tools", {
    type: "server",
    name: "get_order_status",
    description: "Looks up where an order is",
    server_tool: {
      url: `${backendUrl}/orders/{order_id}`,
      parameters: [{ name: "order_id", type: "string", location: "path", required: true }],
    },
  });
  const cart = await t.api("POST", "/tools", {
    type: "client",
    name: "open_cart",
    description: "Shows the shopping cart on screen",
    client_tool: { expects_response: true },
  });
  const flaky = await t.api("POST", "/tools", {
    type: "server",
    name: "get_order_status",
    server_tool: {
      url: `${backendUrl}/flaky/{order_id}`,
      parameters: [{ name: "order_id", type: "string", location: "path", required: true }],
    },
  });
  flakyId = await createShopAgent(t, {
    conversation_config: { agent: { first_message: "", prompt: { tool_ids: [flaky.body.tool_id] } } },
  });
  toolsId = await createShopAgent(t, {
    conversation_config: {
      agent: { first_message: "", prompt: { tool_ids: [order.body.tool_id, cart.body.tool_id] } },
    },
  });
});
afterAll(async () => {
  await t?.close();
  backend?.closeAllConnections();
  await new Promise((r) => backend?.close(r));
});

function script(agentId: string, s: Omit<Script, "agentId">): Script {
  const parsed = parseScript({ agentId, ...s });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.script;
}

async function run(s: Script): Promise<{ result: SmokeResult; report: string; progress: string[] }> {
  const progress: string[] = [];
  const result = await runSmokeTest(s, {
    baseUrl: t.baseUrl,
    apiKey: t.apiKey,
    progress: (line) => progress.push(line),
  });
  return { result, report: formatReport(result), progress };
}

const onlyRun = (result: SmokeResult) => result.runs[0] as SmokeResult["runs"][number];

describe("a script the agent satisfies", () => {
  it("a spoken question answered from the knowledge base, then the agent ends the call: passes, with latency, audio and progress", async () => {
    const { result, report, progress } = await run(
      script(shopId, {
        speed: "max",
        limits: { greetingWithinMs: 10_000 },
        steps: [
          { say: "What time does the store open?" },
          { expectTranscript: { text: "what time does the store open" } },
          { expectAgent: { contains: "nine", not: "sorry" } },
          { expectKnowledgeBase: { documents: ["Shop facts"] } },
          { text: "goodbye" },
          { expectEnd: true },
        ],
      }),
    );
    expect(result.passed, report).toBe(true);
    const r = onlyRun(result);
    expect(r.conversationId).toMatch(/^conv_/);
    expect(r.steps.map((s) => [s.kind, s.status])).toEqual([
      ["greeting", "passed"],
      ["say", "passed"],
      ["expectTranscript", "passed"],
      ["expectAgent", "passed"],
      ["expectKnowledgeBase", "passed"],
      ["text", "passed"],
      ["expectEnd", "passed"],
      ["agentAudio", "passed"],
    ]);
    expect(r.steps.find((s) => s.kind === "expectKnowledgeBase")?.got).toMatch(/^retrieved from Shop facts \(doc_/);
    expect(r.greetingMs).toBeGreaterThan(0);
    expect(result.latency.p50).toBeGreaterThan(0);
    expect(r.audio).toMatchObject({ format: "pcm_16000", responses: 3 });
    expect(r.audio?.rms).toBeGreaterThan(0.01);
    expect(r.scriptedAudioMs).toBeGreaterThan(1000);
    expect(r.transcript.map((l) => l.text)).toEqual([
      SHOP.firstMessage,
      "(heard) what time does the store open",
      "The store opens at nine in the morning and closes at six in the evening.",
      "goodbye",
      "Thank you for calling. Goodbye!",
      '(call closed 1000 "end_call")',
    ]);
    expect(progress[0]).toMatch(/^connected: conversation conv_/);
    expect(progress.filter((l) => / passed: /.test(l))).toHaveLength(6);
    expect(report).toContain("Conversation smoke test PASSED");
  });

  it("a server tool call with its parameters, a client tool round trip with the scripted result, and a tool proved absent", async () => {
    const { result, report } = await run(
      script(toolsId, {
        steps: [
          { text: "What is the status of order one two three?" },
          { expectToolCall: { name: "get_order_status", parameters: { order_id: { exact: 123 } } } },
          { expectAgent: { contains: "status is shipped" } },
          { text: "Please open the cart" },
          { expectToolCall: { name: "open_cart", result: { items: 2 } } },
          { expectAgent: { regex: "items is 2" } },
          { text: "Is parking free?" },
          { expectToolCall: { name: "get_order_status", absent: true } },
          { expectAgent: { contains: "free" } },
        ],
      }),
    );
    expect(result.passed, report).toBe(true);
    const steps = onlyRun(result).steps;
    expect(steps[1]?.got).toBe('get_order_status({"order_id":"123"}), the tool answered {"status":"shipped"}');
    expect(steps[4]?.got).toBe('open_cart({}), answered {"items":2}');
  });

  it("a recorded WAV turn (44.1 kHz stereo, converted to the agent's input format) is heard and answered", async () => {
    const { result, report } = await run(
      script(toolsId, {
        speed: "max",
        steps: [
          { audio: "test/fixtures/speech/parking-44k-stereo.wav" },
          { expectTranscript: { text: "is parking free" } },
          { expectAgent: { contains: "behind the building" } },
        ],
      }),
    );
    expect(result.passed, report).toBe(true);
    expect(onlyRun(result).steps[0]?.got).toMatch(/^\d+ ms of audio sent$/);
    expect(onlyRun(result).scriptedAudioMs).toBeGreaterThan(500);
  });

  it("interrupting a long answer: the server announces the interruption and stops that answer's audio", async () => {
    const { result, report } = await run(
      script(shopId, {
        speed: "max",
        steps: [{ text: "When does the store open?" }, { interrupt: "stop" }, { expectAgent: { any: true } }],
      }),
    );
    expect(result.passed, report).toBe(true);
    expect(onlyRun(result).steps.find((s) => s.kind === "interrupt")?.got).toMatch(/^interruption of response \d+/);
  });

  it("repeat: one conversation per run, with latency percentiles over all of them", async () => {
    const { result, report } = await run(
      script(toolsId, {
        repeat: 2,
        steps: [{ text: "Are returns accepted?" }, { expectAgent: { contains: "thirty days" } }],
      }),
    );
    expect(result.passed, report).toBe(true);
    expect(result.passedRuns).toBe(2);
    expect(new Set(result.runs.map((r) => r.conversationId)).size).toBe(2);
    expect(result.latency.p95).toBeGreaterThanOrEqual(result.latency.p50 as number);
  });
});

describe("a script the agent does not satisfy: the failing step, its layer, the transcript", () => {
  it("a wrong expectation is an agent failure quoting what the agent said; later steps are skipped", async () => {
    const { result, report } = await run(
      script(toolsId, {
        limits: { stepTimeoutMs: 3000 },
        steps: [{ text: "Are returns accepted?" }, { expectAgent: { contains: "midnight" } }, { text: "goodbye" }],
      }),
    );
    expect(result.passed).toBe(false);
    const failure = onlyRun(result).failure;
    expect(failure).toMatchObject({ index: 1, kind: "expectAgent", layer: "agent" });
    expect(failure?.got).toBe('"Returns are accepted within thirty days with a receipt."');
    expect(onlyRun(result).steps.at(-1)).toMatchObject({ kind: "text", status: "skipped" });
    expect(report).toContain("failed at step 2 (expectAgent)");
    expect(report).toContain('expected:   agent says something that contains "midnight"');
    expect(report).toContain("layer:      agent");
    expect(report).toMatch(/transcript so far:\n\s+[\d.]+ s\s+user:\s+Are returns accepted\?/);
  });

  it("a tool called with the wrong parameter is a tool failure naming the parameter", async () => {
    const { result } = await run(
      script(toolsId, {
        steps: [
          { text: "What is the status of order one two three?" },
          { expectToolCall: { name: "get_order_status", parameters: { order_id: { exact: "456" } } } },
        ],
      }),
    );
    expect(onlyRun(result).failure).toMatchObject({
      layer: "tool",
      detail: 'order_id is "123", expected "456"',
    });
  });

  it("a spoken turn the agent mishears fails as recognition, not as the agent's fault", async () => {
    const { result, report } = await run(
      script(shopId, {
        speed: "max",
        limits: { stepTimeoutMs: 6000 },
        steps: [{ say: "Do you sell purple elephants?" }, { expectAgent: { contains: "elephant" } }],
      }),
    );
    expect(onlyRun(result).failure?.layer, report).toBe("recognition");
    expect(onlyRun(result).failure?.detail).toMatch(/heard|nothing/);
  });

  it("a response slower than its budget is a timeout failure", async () => {
    const { result } = await run(
      script(toolsId, {
        speed: "max",
        steps: [{ say: "Are returns accepted?" }, { expectAgent: { any: true, withinMs: 1 } }],
      }),
    );
    expect(onlyRun(result).failure).toMatchObject({
      layer: "timeout",
      detail: expect.stringMatching(/over the budget of 1 ms/),
    });
  });

  it("a greeting later than its budget fails before any step runs", async () => {
    const { result } = await run(
      script(shopId, { limits: { greetingWithinMs: 1 }, steps: [{ text: "hi" }, { expectAgent: { any: true } }] }),
    );
    expect(onlyRun(result).failure).toMatchObject({ kind: "greeting", layer: "timeout" });
    expect(onlyRun(result).steps.filter((s) => s.status === "skipped")).toHaveLength(2);
  });

  it("the run's total time limit stops a step that would wait longer", async () => {
    const { result } = await run(
      script(toolsId, {
        limits: { totalTimeoutMs: 2500, stepTimeoutMs: 20_000 },
        steps: [{ text: "Are returns accepted?" }, { expectAgent: { contains: "never said" } }],
      }),
    );
    expect(onlyRun(result).failure).toMatchObject({
      kind: "expectAgent",
      layer: "timeout",
      detail: "totalTimeoutMs (2500 ms) reached",
    });
  });

  it("a script that executed no expectation fails", async () => {
    const { result } = await run(script(toolsId, { steps: [{ text: "hello" }] }));
    expect(result.passed).toBe(false);
    expect(onlyRun(result).failure?.detail).toBe("the script executed no expectation");
  });

  it("an agent that does not exist is a connection failure with the server's refusal", async () => {
    const { result, report } = await run(script("agent_doesnotexist00", { steps: [{ expectAgent: { any: true } }] }));
    expect(onlyRun(result).failure).toMatchObject({ kind: "connect", layer: "connection", got: "refused (404)" });
    expect(report).not.toContain(t.apiKey);
  });

  it("a conversation the server refuses to start (missing dynamic variable) is a connection failure", async () => {
    const agentId = await createShopAgent(t, { conversation_config: { agent: { first_message: "Hi {{name}}" } } });
    const { result } = await run(script(agentId, { steps: [{ expectAgent: { any: true } }] }));
    expect(onlyRun(result).failure).toMatchObject({ kind: "connect", layer: "connection" });
    expect(onlyRun(result).failure?.detail).toMatch(/MISSING_DYNAMIC_VARIABLE/);
  });

  it("with passThreshold, a run may fail and the whole still pass", async () => {
    // The order backend answers the first call and fails every later one: run 2 gets a tool error.
    flakyCalls = 0;
    const s = script(flakyId, {
      repeat: 2,
      passThreshold: 0.5,
      limits: { stepTimeoutMs: 5000 },
      steps: [
        { text: "What is the status of order one two three?" },
        { expectToolCall: { name: "get_order_status", parameters: { order_id: { any: true } } } },
      ],
    });
    const { result } = await run(s);
    expect(result.runs.map((r) => r.passed)).toEqual([true, false]);
    expect(result.runs[1]?.failure).toMatchObject({ layer: "tool", detail: "the tool get_order_status failed" });
    expect(result).toMatchObject({ passed: true, passedRuns: 1 });
    expect((await run({ ...s, passThreshold: 0.75 })).result.passed).toBe(false);
  });
});
