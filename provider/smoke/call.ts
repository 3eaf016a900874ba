import { setTimeout as sleep } from "node:timers/promises";
import { parseFormat } from "../audio/formats";
import type { ElevenLabsClient } from "../client/client";
import type { ConversationClient, RecordedEvent } from "../conversation/index";
import type { Script } from "../models/conversation-smoke-test";
import { StepFailure } from "./failure";
import { wordErrorRate } from "./wer";

/** The parts of the REST conversation record the expectations read (live and emulator shapes agree here). */
export interface ConversationRecord {
  transcript?: Array<{
    role?: string;
    message?: string | null;
    tool_calls?: Array<{
      tool_call_id?: string;
      tool_name?: string;
      params_as_json?: string;
      parameters?: Record<string, unknown>;
    }>;
    rag_retrieval_info?: { chunks?: Array<{ document_id?: string }> } | null;
    used_static_kb_document_ids?: string[];
  }>;
}

/** The user's last turn: when it was spoken or typed, and what the script meant it to say. */
export interface UserTurn {
  kind: "audio" | "text";
  /** The words meant (a `say` or `interrupt` text, a typed text); unknown for a WAV file. */
  said?: string;
  /** Event-clock ms when its first audio chunk (or the text) left. */
  startedAt: number;
  /** Event-clock ms when its speech ended: latency budgets are measured from here. */
  endedAt: number;
}

export const DEFAULTS = {
  stepTimeoutMs: 20_000,
  totalTimeoutMs: 120_000,
  /** How long to listen for a greeting when no budget is given (agents without a first message wait for the user). */
  greetingListenMs: 1_500,
  /** Quiet after the agent's last audio before the test takes the floor. */
  quietMs: 300,
  /** A transcript worse than this makes a failed expectation a recognition failure. */
  maxWordErrorRate: 0.25,
} as const;

/** The message field of an incoming event, loosely typed: the events are the server's, any shape. */
export const body = (e: RecordedEvent) => e.message as Record<string, any>;

export const agentText = (e: RecordedEvent): string => String(body(e).agent_response_event?.agent_response ?? "");
export const agentEventId = (e: RecordedEvent): number | undefined => {
  const id = body(e).agent_response_event?.event_id;
  return typeof id === "number" ? id : undefined;
};
export const heardText = (e: RecordedEvent): string =>
  String(body(e).user_transcription_event?.user_transcript ?? body(e).user_transcript ?? "");

/**
 * One run of a script: the client, the last user turn, which events earlier steps have used
 * (so consecutive expectations look at consecutive responses), and the clock of the limits.
 */
export class ScriptedCall {
  turn: UserTurn | undefined;
  readonly consumed = new WeakSet<RecordedEvent>();
  /** Response latencies measured so far in this run. */
  readonly latencies: number[] = [];
  scriptedAudioMs = 0;
  greetingMs: number | undefined;
  expectationsRun = 0;

  constructor(
    readonly client: ConversationClient,
    readonly script: Script,
    readonly options: {
      deadline: number;
      speed: number;
      /** Resolves relative audio paths. */
      baseDir: string;
      /** For the REST record (knowledge-base grounding, tool parameters); absent without an API key. */
      api?: ElevenLabsClient;
    },
  ) {}

  get events(): readonly RecordedEvent[] {
    return this.client.events;
  }

  get limits() {
    return this.script.limits ?? {};
  }

  /** What a step may still wait: its own limit, never past the run's deadline. */
  stepBudget(): number {
    const left = this.options.deadline - Date.now();
    if (left <= 0) throw new StepFailure("timeout", "no time left", "the run's totalTimeoutMs is spent");
    return Math.min(this.limits.stepTimeoutMs ?? DEFAULTS.stepTimeoutMs, left);
  }

  /** Start of the window an expectation looks in: the last user turn, else the start of the call. */
  get since(): number {
    return this.turn?.startedAt ?? 0;
  }

  incoming(type: string, since = this.since): RecordedEvent[] {
    return this.events.filter((e) => e.direction === "in" && e.type === type && e.at >= since);
  }

  /**
   * Event-clock ms when the agent's audio received so far ends if played as it arrives: each chunk
   * plays after the previous one and not before it arrived. The live service sends audio faster
   * than real time, so "the agent is talking" is this playhead, not the arrival of chunks.
   */
  playhead(): number {
    const rate = parseFormat(this.client.agentOutputFormat);
    const bytesPerMs = (rate.sampleRate * (rate.encoding === "pcm" ? 2 : 1)) / 1000;
    let cut = -Infinity;
    let head = 0;
    for (const e of this.events) {
      if (e.direction !== "in") continue;
      if (e.type === "interruption") {
        cut = Math.max(cut, body(e).interruption_event?.event_id ?? cut);
        head = Math.min(head, e.at);
      } else if (e.type === "audio") {
        const audio = body(e).audio_event ?? {};
        if (typeof audio.event_id === "number" && audio.event_id <= cut) continue;
        const bytes = Math.floor((String(audio.audio_base_64 ?? "").length * 3) / 4);
        head = Math.max(head, e.at) + bytes / bytesPerMs;
      }
    }
    return head;
  }

  /** True while the agent's audio is still playing, or an answer it announced has not been heard yet. */
  agentBusy(): boolean {
    if (this.client.now() < this.playhead()) return true;
    const lastResponse = this.incoming("agent_response", 0).at(-1);
    if (!lastResponse) return false;
    const id = agentEventId(lastResponse);
    const interrupted = this.incoming("interruption", lastResponse.at).length > 0;
    const audioOfIt = this.incoming("audio", lastResponse.at).some(
      (a) => id === undefined || body(a).audio_event?.event_id === id,
    );
    return !audioOfIt && !interrupted;
  }

  /** Waits until the agent has finished speaking (played out, then `quietMs` without new audio). */
  async waitForFloor(): Promise<void> {
    const until = Date.now() + this.stepBudget();
    while (Date.now() < until) {
      const wait = this.playhead() - this.client.now();
      if (wait > 0) await sleep(Math.min(wait, until - Date.now()));
      const from = this.client.now();
      await sleep(DEFAULTS.quietMs);
      if (!this.agentBusy() && !this.events.some((e) => e.direction === "in" && e.type === "audio" && e.at >= from))
        return;
      if (this.client.events.some((e) => e.type === "close")) return;
    }
  }

  /**
   * Why an expectation about the agent failed when the agent may simply not have heard right:
   * a recognition failure when an audio turn got no transcript or one too far from what was said.
   */
  recognitionProblem(): StepFailure | undefined {
    const turn = this.turn;
    if (turn?.kind !== "audio") return undefined;
    const heard = this.incoming("user_transcript").map(heardText);
    if (heard.length === 0)
      return new StepFailure(
        "recognition",
        "no user_transcript",
        "the agent did not transcribe the user's audio turn: it heard nothing",
      );
    if (turn.said === undefined) return undefined;
    const text = heard.join(" ");
    const wer = wordErrorRate(turn.said, text);
    if (wer <= DEFAULTS.maxWordErrorRate) return undefined;
    return new StepFailure(
      "recognition",
      `heard "${text}"`,
      `the agent heard "${text}" for "${turn.said}" (word error rate ${Math.round(wer * 100)} %)`,
    );
  }

  /** The turn's latency to `at` (event-clock ms), recorded for the run's percentiles. */
  latencyTo(at: number): number | undefined {
    if (!this.turn) return undefined;
    const ms = Math.max(0, Math.round(at - this.turn.endedAt));
    this.latencies.push(ms);
    return ms;
  }

  /** A latency budget check: a response that came too late is a timeout-layer failure. */
  withinBudget(latencyMs: number | undefined, budget: number | undefined, got: string): void {
    if (latencyMs === undefined || budget === undefined || latencyMs <= budget) return;
    throw new StepFailure("timeout", got, `took ${latencyMs} ms, over the budget of ${budget} ms`);
  }

  /** The conversation's REST record as the API has it now (its transcript grows as the call goes). */
  async record(): Promise<ConversationRecord> {
    const api = this.options.api;
    if (!api)
      throw new StepFailure(
        "connection",
        "no API key",
        "reading the conversation's record (retrieval info, tool parameters) needs an API key",
      );
    return api.request<ConversationRecord>("conversations.get", {
      path: { conversation_id: this.client.conversationId },
    });
  }

  /** The first agent audio at or after `at` (of response `eventId` when known), if it arrives in time. */
  async firstAudioAfter(at: number, eventId: number | undefined): Promise<RecordedEvent | undefined> {
    try {
      return await this.client.waitFor(
        (e) =>
          e.direction === "in" &&
          e.type === "audio" &&
          (eventId === undefined || body(e).audio_event?.event_id === eventId),
        { since: at, timeoutMs: this.stepBudget(), description: "the response's audio" },
      );
    } catch {
      return undefined;
    }
  }
}
