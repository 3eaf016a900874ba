import { type ElevenLabsClient, getClient } from "../client/client";
import { toApi } from "../codec/case";
import {
  agentResponses,
  announcedOutputFormat,
  ConversationClient,
  checkAgentAudio,
  decodeResponse,
  levels,
  type RecordedEvent,
} from "../conversation/index";
import type { Script } from "../models/conversation-smoke-test";
import type { ProfileName } from "../profiles/types";
import { agentText, body, DEFAULTS, heardText, ScriptedCall } from "./call";
import { asStepFailure, StepFailure } from "./failure";
import { describeStep } from "./steps/describe";
import { isExpectation, kindOf, STEPS } from "./steps/index";
import { clientToolsOf, toolCallOf } from "./steps/tools";
import {
  type AudioStats,
  percentile,
  type RunResult,
  type SmokeResult,
  type StepResult,
  type TranscriptLine,
} from "./types";

export interface RunOptions {
  /** The API base URL as the provider takes it (`https://api.elevenlabs.io/v1/convai`, the emulator's `baseUrl`). */
  baseUrl: string;
  /** For private agents (signed URL) and the conversation record; never logged or reported. */
  apiKey?: string;
  /** The API profile (`seed` or `live`); by default the provider's choice for `baseUrl`. */
  profile?: ProfileName;
  /** Directory `audio:` paths are relative to. @default process.cwd() */
  baseDir?: string;
  /** One line per milestone (connected, each step), as it happens. */
  progress?: (line: string) => void;
  signal?: AbortSignal;
}

/** Runs the script `repeat` times (one conversation each) and judges the whole against `passThreshold`. */
export async function runSmokeTest(script: Script, options: RunOptions): Promise<SmokeResult> {
  const repeat = script.repeat ?? 1;
  const runs: RunResult[] = [];
  for (let i = 0; i < repeat; i++) {
    if (repeat > 1) options.progress?.(`run ${i + 1}/${repeat}`);
    runs.push(await runOnce(script, options));
    options.signal?.throwIfAborted();
  }
  const passedRuns = runs.filter((r) => r.passed).length;
  const passThreshold = script.passThreshold ?? 1;
  const latencies = runs.flatMap((r) => r.responseLatencies);
  const greetings = runs.flatMap((r) => (r.greetingMs === undefined ? [] : [r.greetingMs]));
  return {
    passed: passedRuns / repeat >= passThreshold - 1e-9,
    agentId: script.agentId,
    runs,
    passedRuns,
    passThreshold,
    latency: {
      greetingMs: percentile(greetings, 0.5),
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
    },
  };
}

/** One conversation through the script; never throws for what the agent does, only reports it. */
export async function runOnce(script: Script, options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const limits = script.limits ?? {};
  const totalMs = limits.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error("totalTimeoutMs reached")), totalMs);
  const stopOuter = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", stopOuter, { once: true });
  const progress = options.progress ?? (() => {});
  const steps: StepResult[] = [];
  let client: ConversationClient | undefined;
  try {
    try {
      client = await ConversationClient.connect({
        baseUrl: options.baseUrl,
        apiKey: options.apiKey,
        profile: options.profile,
        agentId: script.agentId,
        auth: script.auth,
        overrides: script.overrides && toApi<Record<string, unknown>>(script.overrides),
        dynamicVariables: script.dynamicVariables,
        clientTools: clientToolsOf(script),
        timeoutMs: Math.min(limits.stepTimeoutMs ?? DEFAULTS.stepTimeoutMs, totalMs),
        signal: abort.signal,
      });
    } catch (error) {
      const f = asStepFailure(error);
      steps.push(failed(-1, "connect", `a conversation with agent ${script.agentId}`, f));
      return finish(undefined, steps, started, undefined);
    }
    progress(`connected: conversation ${client.conversationId}`);
    const call = new ScriptedCall(client, script, {
      deadline: started + totalMs,
      speed: script.speed === "max" ? Number.POSITIVE_INFINITY : (script.speed ?? 1),
      baseDir: options.baseDir ?? process.cwd(),
      api: options.apiKey ? apiClient(options) : undefined,
    });
    const greeting = await listenForGreeting(call);
    if (greeting) steps.push(greeting);
    if (greeting?.status === "failed") progress(`greeting failed: ${greeting.detail}`);
    for (const [index, step] of script.steps.entries()) {
      const kind = kindOf(step);
      if (steps.some((s) => s.status === "failed")) {
        steps.push({ index, kind, status: "skipped", expected: describeStep(kind, step), got: "" });
        continue;
      }
      if (isExpectation(kind)) call.expectationsRun++;
      try {
        const execute = STEPS[kind] as (c: ScriptedCall, v: unknown) => ReturnType<(typeof STEPS)["say"]>;
        const outcome = await execute(call, step[kind]);
        steps.push({ index, kind, status: "passed", ...outcome });
        progress(
          `step ${index + 1}/${script.steps.length} passed: ${outcome.expected}` +
            (outcome.latencyMs === undefined ? "" : ` (${outcome.latencyMs} ms)`),
        );
      } catch (error) {
        // Waits end at the run's deadline, just before or after its abort timer fires.
        const overTotal = (abort.signal.aborted || Date.now() >= started + totalMs - 50) && !options.signal?.aborted;
        const f = overTotal ? totalTimeout(totalMs) : asStepFailure(error);
        steps.push(failed(index, kind, describeStep(kind, step), f));
        progress(`step ${index + 1}/${script.steps.length} FAILED (${f.layer}): ${f.detail}`);
      }
    }
    if (!steps.some((s) => s.status === "failed")) {
      if (call.expectationsRun === 0)
        steps.push(
          failed(
            -1,
            "agentAudio",
            "at least one expectation",
            new StepFailure("agent", "none", "the script executed no expectation"),
          ),
        );
      else {
        await call.waitForFloor().catch(() => {});
        const audio = audioChecks(client.events);
        if (audio) steps.push(audio);
      }
    }
    return finish(call, steps, started, client);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", stopOuter);
    await client?.close().catch(() => {});
  }
}

function apiClient(options: RunOptions): ElevenLabsClient {
  return getClient({ baseUrl: options.baseUrl, apiKey: options.apiKey as string, profile: options.profile });
}

const totalTimeout = (ms: number) =>
  new StepFailure("timeout", "the run was stopped", `totalTimeoutMs (${ms} ms) reached`);

function failed(index: number, kind: StepResult["kind"], expected: string, f: StepFailure): StepResult {
  return { index, kind, status: "failed", expected, got: f.got, layer: f.layer, detail: f.detail };
}

/**
 * The greeting: with `greetingWithinMs`, the first agent audio must arrive within it (from
 * connecting); without, the test listens briefly so it does not talk over a first message.
 */
async function listenForGreeting(call: ScriptedCall): Promise<StepResult | undefined> {
  const budget = call.limits.greetingWithinMs;
  const listen = budget ?? DEFAULTS.greetingListenMs;
  const first = await call.client
    .waitFor((e) => e.direction === "in" && e.type === "audio", {
      timeoutMs: Math.max(1, listen - call.client.now()),
      description: "the greeting",
    })
    .catch(() => undefined);
  if (first) call.greetingMs = Math.round(first.at);
  if (budget === undefined) return undefined;
  const expected = `the agent greets within ${budget} ms`;
  if (first && first.at > budget) {
    return failed(
      -1,
      "greeting",
      expected,
      new StepFailure(
        "timeout",
        `audio after ${call.greetingMs} ms`,
        `the greeting came ${call.greetingMs} ms after connecting`,
      ),
    );
  }
  if (!first) {
    const said = call.incoming("agent_response", 0).map(agentText);
    return failed(
      -1,
      "greeting",
      expected,
      new StepFailure(
        said.length ? "synthesis" : "timeout",
        said.length ? `"${said[0]}" without audio` : "no greeting",
        `no agent audio within ${budget} ms of connecting`,
      ),
    );
  }
  return { index: -1, kind: "greeting", status: "passed", expected, got: "audio", latencyMs: call.greetingMs };
}

/** The client's audio checks over every response: a failure is the synthesis layer's. */
function audioChecks(events: readonly RecordedEvent[]): StepResult | undefined {
  const results = checkAgentAudio(events);
  const bad = results.filter((r) => !r.ok);
  const expected = "agent audio decodes in the announced format, is not silence, and lasts as long as its text";
  if (bad.length === 0)
    return { index: -1, kind: "agentAudio", status: "passed", expected, got: `${results.length} checks passed` };
  return failed(
    -1,
    "agentAudio",
    expected,
    new StepFailure("synthesis", bad.map((r) => r.detail).join("; "), bad[0]?.detail ?? ""),
  );
}

function finish(
  call: ScriptedCall | undefined,
  steps: StepResult[],
  started: number,
  client: ConversationClient | undefined,
): RunResult {
  const failure = steps.find((s) => s.status === "failed");
  return {
    passed: failure === undefined,
    conversationId: client?.conversationId,
    steps,
    failure,
    transcript: client ? transcriptOf(client.events) : [],
    greetingMs: call?.greetingMs,
    responseLatencies: call?.latencies ?? [],
    audio: client ? audioStats(client.events) : undefined,
    durationMs: Date.now() - started,
    scriptedAudioMs: Math.round(call?.scriptedAudioMs ?? 0),
    expectationsRun: call?.expectationsRun ?? 0,
  };
}

/** The conversation as a reader wants it: what the agent heard and said, and the tools it called. */
export function transcriptOf(events: readonly RecordedEvent[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const e of events) {
    const at = Math.round(e.at);
    if (e.direction === "out" && e.type === "user_message")
      lines.push({ at, role: "user", text: String(body(e).text) });
    else if (e.direction !== "in") continue;
    else if (e.type === "user_transcript") lines.push({ at, role: "user", text: `(heard) ${heardText(e)}` });
    else if (e.type === "agent_response") lines.push({ at, role: "agent", text: agentText(e) });
    else if (e.type === "interruption") lines.push({ at, role: "user", text: "(interrupts)" });
    else if (e.type === "close") {
      const c = e.message as { code: number; reason: string; byServer: boolean };
      lines.push({
        at,
        role: "agent",
        text: `(call closed ${c.code}${c.reason ? ` "${c.reason}"` : ""}${c.byServer ? "" : " by the test"})`,
      });
    } else {
      const tool = toolCallOf(e);
      if (tool && e.type !== "agent_tool_response")
        lines.push({
          at,
          role: "tool",
          text: `${tool.name}(${tool.parameters ? JSON.stringify(tool.parameters) : ""})`,
        });
    }
  }
  return lines;
}

function audioStats(events: readonly RecordedEvent[]): AudioStats | undefined {
  const format = announcedOutputFormat(events);
  if (!format) return undefined;
  const responses = agentResponses(events);
  let durationMs = 0;
  let squares = 0;
  let samples = 0;
  for (const r of responses) {
    const decoded = decodeResponse(r, format);
    if (!decoded.ok) continue;
    durationMs += decoded.durationMs;
    squares += levels(decoded.samples).rms ** 2 * decoded.samples.length;
    samples += decoded.samples.length;
  }
  return {
    format,
    responses: responses.length,
    chunks: responses.reduce((n, r) => n + r.chunks.length, 0),
    durationMs: Math.round(durationMs),
    rms: samples ? Math.round(Math.sqrt(squares / samples) * 1000) / 1000 : 0,
  };
}
