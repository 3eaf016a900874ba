import type WebSocket from "ws";
import { decodeAudio } from "../../provider/audio/pcm";
import type { App } from "../app";
import { newId } from "../ids";
import type { AgentRecord } from "../models/agent";
import type { ConversationCodec } from "../profiles/profile";
import { Agent, type AgentDecision, sayToolResult, TOOL_PREAMBLE } from "./agent";
import { KnowledgeSearch } from "./knowledge-search";
import {
  CLOSE,
  type ClientMessage,
  type InitiationData,
  parseClientMessage,
  type ServerMessage,
  serverMessage,
} from "./protocol";
import type { Recogniser } from "./recogniser";
import { ConversationLog } from "./record";
import { callServerTool, type ToolOutcome } from "./server-tool";
import { type ConversationSettings, conversationSettings, MissingVariableError } from "./settings";
import { Speaker } from "./speaker";
import { callTool } from "./tool-calls";
import { TurnDetector, VAD_RATE } from "./turn-detection";

/** How long the server waits for `conversation_initiation_client_data` before starting without it. */
export const INITIATION_WAIT_MS = 1000;
/** How long the agent waits for a `client_tool_result` when the tool expects a response. */
export const CLIENT_TOOL_WAIT_MS = 20_000;

export interface SessionOptions {
  app: App;
  ws: WebSocket;
  agent: AgentRecord;
  /** Undefined when speech recognition is not installed: audio turns are then not understood. */
  recogniser: Recogniser | undefined;
  pingIntervalMs: number;
}

/**
 * One conversation on one socket: parses client messages, runs the turns (text, or audio through
 * turn detection and recognition), lets the deterministic agent answer, speaks, and keeps the
 * REST record. Everything the user says reaches the agent through `userTurn`, from a protocol
 * text message or from recognised audio, nothing else.
 */
export class Session {
  private readonly log: ConversationLog;
  private settings: ConversationSettings | undefined;
  private agentBrain: Agent | undefined;
  private speaker: Speaker | undefined;
  private turnDetector: TurnDetector | undefined;
  private vocabulary = "";
  private turns: Promise<void> = Promise.resolve();
  private eventId = 0;
  private pingId = 0;
  private pings = new Map<number, number>();
  private lastPingMs: number | null = null;
  private clientToolWaits = new Map<string, (outcome: ToolOutcome) => void>();
  private timers: { [name: string]: NodeJS.Timeout | undefined } = {};
  private audioChain: Promise<void> = Promise.resolve();
  private ended = false;
  private readonly codec: ConversationCodec;

  constructor(private readonly o: SessionOptions) {
    this.codec = o.app.profile.conversation;
    const conversationId = newId("conv");
    this.log = new ConversationLog(o.app, conversationId, o.agent.agent_id, {
      session_id: newId("sess"),
      language: o.agent.conversation_config?.agent?.language ?? "en",
    });
    o.ws.on("message", (data, isBinary) => this.onFrame(isBinary ? "" : String(data)));
    o.ws.on("close", (code, reason) => this.finish(code, String(reason), false));
    o.ws.on("error", () => {});
    this.timers.initiation = setTimeout(() => this.start(undefined), INITIATION_WAIT_MS);
  }

  get conversationId(): string {
    return this.log.conversationId;
  }

  /** Ends the conversation from the server side with `code`. */
  close(code: number, reason: string): void {
    if (this.ended) return;
    this.finish(code, reason, code === CLOSE.policy || code === CLOSE.internal);
    this.o.ws.close(code, reason);
  }

  private send(message: ServerMessage): void {
    if (this.o.ws.readyState === this.o.ws.OPEN) this.o.ws.send(JSON.stringify(message));
  }

  /** The `error` event, where the profile has one (the live API documents none). */
  private sendError(code: string, message: string, details?: Record<string, unknown>): void {
    const event = this.codec.error(code, message, details);
    if (event) this.send(event);
  }

  private onFrame(raw: string): void {
    if (this.ended) return;
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.sendError("INVALID_MESSAGE", parsed.reason);
      return;
    }
    if (!this.settings) {
      this.start(parsed.message.type === "conversation_initiation_client_data" ? parsed.message : undefined);
      if (parsed.message.type === "conversation_initiation_client_data") return;
    }
    this.handle(parsed.message);
  }

  /** Applies the agent's configuration and the client's overrides, says hello, starts the clocks. */
  private start(init: InitiationData | undefined): void {
    if (this.settings || this.ended) return;
    clearTimeout(this.timers.initiation);
    const { app, agent } = this.o;
    const refused = init && this.codec.refusedOverride(agent, init);
    if (refused) {
      this.close(CLOSE.policy, `Override for field '${refused}' is not allowed by config.`);
      return;
    }
    try {
      this.settings = conversationSettings(agent, this.codec.agent(agent), init, {
        system__agent_id: agent.agent_id,
        system__conversation_id: this.conversationId,
      });
    } catch (error) {
      if (!(error instanceof MissingVariableError)) throw error;
      this.sendError("MISSING_DYNAMIC_VARIABLE", error.message, {
        variable: error.variable,
        conversation_id: this.conversationId,
      });
      this.close(CLOSE.policy, error.message.slice(0, 120));
      return;
    }
    const s = this.settings;
    const tools = s.toolIds.flatMap((id) => {
      const tool = app.store.get("tools", id);
      const spec = tool && this.codec.tool(tool);
      // System and MCP tools (live) are configuration the emulator's agent does not run.
      return spec && spec.kind !== "other" ? [spec] : [];
    });
    const knowledge = new KnowledgeSearch(app.store, this.codec.documents(app.store, agent));
    this.agentBrain = new Agent(s, tools, knowledge);
    this.vocabulary = this.agentBrain.vocabulary();
    this.speaker = new Speaker((m) => this.send(m), s.outputFormat, s.language);
    const metadata = {
      conversation_id: this.conversationId,
      agent_id: agent.agent_id,
      agent_output_audio_format: s.outputFormat,
      user_input_audio_format: s.inputFormat,
      session_id: newId("sess"),
    };
    this.send(serverMessage.metadata(metadata));
    this.log.started({
      metadata: {
        ...(app.store.get("conversations", this.conversationId)?.metadata ?? {}),
        language: s.language,
        user_id: init?.user_id ?? null,
        dynamic_variables: init?.dynamic_variables ?? {},
        custom_llm_extra_body: init?.custom_llm_extra_body ?? null,
        agent_output_audio_format: s.outputFormat,
        user_input_audio_format: s.inputFormat,
      },
    });
    this.timers.maxDuration = setTimeout(
      () => this.close(CLOSE.normal, "maximum conversation duration reached"),
      s.maxDurationSeconds * 1000,
    );
    this.timers.ping = setInterval(() => this.ping(), this.o.pingIntervalMs);
    this.resetInactivity();
    if (s.firstMessage) this.queue(() => this.say(s.firstMessage, {}).then(() => undefined));
  }

  private handle(m: ClientMessage): void {
    switch (m.type) {
      case "conversation_initiation_client_data":
        this.sendError("ALREADY_INITIATED", "the conversation has already started");
        return;
      case "user_input":
      case "user_message":
        this.userTurn(m.text, "text");
        return;
      case "user_audio_chunk":
        this.onAudio(Buffer.from(m.user_audio_chunk, "base64"));
        return;
      case "ping":
        this.send(serverMessage.pong(m.event_id));
        return;
      case "pong": {
        const sent = this.pings.get(m.event_id);
        if (sent === undefined) return;
        this.pings.delete(m.event_id);
        this.lastPingMs = Math.round(performance.now() - sent);
        return;
      }
      case "interruption":
        this.interrupt();
        return;
      case "client_tool_result": {
        const wait = this.clientToolWaits.get(m.tool_call_id);
        if (!wait) {
          this.sendError("UNKNOWN_TOOL_CALL", `no client tool call ${m.tool_call_id} is waiting`);
          return;
        }
        wait({ response: m.result ?? null, isError: m.is_error ?? false });
        return;
      }
      case "user_activity":
        this.resetInactivity();
        return;
      case "contextual_update":
      case "feedback":
        return;
    }
  }

  /** Audio is decoded and fed to turn detection in arrival order, whatever the async set-up takes. */
  private onAudio(bytes: Buffer): void {
    const s = this.settings;
    if (!s) return;
    this.log.flags({ has_user_audio: true });
    this.audioChain = this.audioChain.then(async () => {
      if (this.ended) return;
      this.turnDetector ??= await TurnDetector.create(s.turn);
      for (const event of this.turnDetector.push(decodeAudio(bytes, s.inputFormat, VAD_RATE))) {
        if (event.type === "vad_score") this.send(serverMessage.vadScore(event.score));
        else if (event.type === "speech_started") {
          this.resetInactivity();
          this.interrupt();
        } else this.recognise(event.samples);
      }
    });
  }

  private recognise(samples: Int16Array): void {
    const recogniser = this.o.recogniser;
    if (!recogniser) {
      this.sendError("RECOGNITION_UNAVAILABLE", "speech recognition is not installed on the emulator's machine");
      return;
    }
    // Recognition starts at once; turns still reach the agent in the order they were spoken.
    const heard = recogniser.recognise(samples, this.vocabulary);
    this.queue(async () => {
      const { text, confidence } = await heard;
      if (!text || this.ended) return;
      this.send(serverMessage.userTranscript(text, confidence));
      await this.answer(text, "audio", confidence);
    });
  }

  private userTurn(text: string, medium: "text"): void {
    if (!this.settings) return;
    this.resetInactivity();
    this.interrupt();
    this.queue(() => this.answer(text, medium));
  }

  private queue(task: () => Promise<void>): void {
    this.turns = this.turns.then(task).catch((error: Error) => {
      this.o.app.options.log(`conversation ${this.conversationId} failed: ${error.stack}`);
      this.close(CLOSE.internal, "internal error");
    });
  }

  /** One user turn through the agent, answered in speech. */
  private async answer(text: string, medium: "audio" | "text", confidence?: number): Promise<void> {
    if (this.ended || !this.agentBrain) return;
    this.log.add({
      role: "user",
      message: text,
      source_medium: medium,
      ...(confidence === undefined ? {} : { confidence }),
    });
    const decision = this.agentBrain.decide(text);
    if (decision.kind === "tool") return this.useTool(decision);
    this.send(serverMessage.tentative(decision.text));
    if (decision.kind === "end_call") {
      const spoken = await this.say(decision.text, { end_call: true });
      if (spoken.completed) this.close(CLOSE.normal, "end_call");
      return;
    }
    const extras =
      decision.kind === "knowledge"
        ? {
            rag_retrieval_info: {
              chunks: [
                {
                  document_id: decision.retrieval.document_id,
                  chunk_id: decision.retrieval.chunk_id,
                  score: Math.round(decision.retrieval.score * 1000) / 1000,
                },
              ],
              retrieval_query: text,
              embedding_model: "minisearch-bm25",
            },
            used_static_kb_document_ids: [decision.retrieval.document_id],
          }
        : {};
    await this.say(decision.text, extras);
  }

  private async useTool(decision: Extract<AgentDecision, { kind: "tool" }>): Promise<void> {
    const { tool, parameters } = decision;
    const { app, agent } = this.o;
    const toolCallId = newId("call");
    this.send(serverMessage.tentative(TOOL_PREAMBLE));
    callTool(app, {
      agent_id: agent.agent_id,
      tool_id: tool.tool_id,
      conversation_id: this.conversationId,
      parameters,
      tool_call_id: toolCallId,
    });
    let outcome: ToolOutcome;
    if (tool.kind === "server") {
      this.send(serverMessage.toolCall(tool.name, toolCallId, parameters));
      outcome = await callServerTool(app.store, tool, parameters, app.shutdown);
      this.send(serverMessage.toolResponse(toolCallId, tool.name, outcome.response, outcome.isError));
    } else {
      this.send(serverMessage.clientToolCall(tool.name, toolCallId, parameters));
      outcome = tool.expectsResponse ? await this.clientToolResult(toolCallId) : { response: null, isError: false };
    }
    if (this.ended) return;
    await this.say(sayToolResult(tool, outcome.response, outcome.isError), {
      tool_calls: [
        { tool_call_id: toolCallId, tool_name: tool.name, type: tool.type, params_as_json: JSON.stringify(parameters) },
      ],
      tool_results: [
        {
          tool_call_id: toolCallId,
          tool_name: tool.name,
          result_value: typeof outcome.response === "string" ? outcome.response : JSON.stringify(outcome.response),
          is_error: outcome.isError,
        },
      ],
    });
  }

  private clientToolResult(toolCallId: string): Promise<ToolOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle({ response: { error: "no client_tool_result in time" }, isError: true }),
        CLIENT_TOOL_WAIT_MS,
      );
      const settle = (outcome: ToolOutcome) => {
        clearTimeout(timer);
        this.clientToolWaits.delete(toolCallId);
        resolve(outcome);
      };
      this.clientToolWaits.set(toolCallId, settle);
    });
  }

  /** An agent turn: `agent_response`, then its audio; the transcript keeps what was heard. */
  private async say(text: string, extras: Record<string, unknown>) {
    const eventId = ++this.eventId;
    this.send(serverMessage.agentResponse(text, eventId));
    const index = this.log.add({ role: "agent", message: text, ...extras });
    this.log.flags({ has_response_audio: true });
    const spoken = await (this.speaker as Speaker).speak(text, eventId);
    // A hang-up mid-answer is not an interruption: the turn keeps its whole text.
    if (!spoken.completed && !this.ended) this.log.change(index, { message: spoken.heard, interrupted: true });
    this.resetInactivity();
    return spoken;
  }

  private interrupt(): void {
    const eventId = this.speaker?.interrupt();
    if (eventId !== undefined) this.send(serverMessage.interruption(eventId));
  }

  private ping(): void {
    const id = ++this.pingId;
    this.pings.set(id, performance.now());
    this.send(serverMessage.ping(id, this.lastPingMs));
  }

  /** `timeout_seconds` without the user saying or doing anything ends the call with 1002. */
  private resetInactivity(): void {
    if (!this.settings || this.ended) return;
    clearTimeout(this.timers.inactivity);
    this.timers.inactivity = setTimeout(() => {
      if (this.speaker?.speaking || this.turnDetector?.inSpeech) return this.resetInactivity();
      this.close(CLOSE.operational, "no user input");
    }, this.settings.timeoutSeconds * 1000);
  }

  private finish(code: number, reason: string, failed: boolean): void {
    if (this.ended) return;
    this.ended = true;
    for (const timer of Object.values(this.timers)) clearTimeout(timer);
    this.speaker?.interrupt();
    for (const wait of this.clientToolWaits.values())
      wait({ response: { error: "conversation ended" }, isError: true });
    this.audioChain.then(() => this.turnDetector?.close());
    this.log.ended({ failed, closeCode: code, reason });
  }
}
