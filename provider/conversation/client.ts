import WebSocket from "ws";
import type { AudioFormat } from "../audio/index";
import {
  ApiError,
  ConversationClosedError,
  ConversationError,
  ConversationRefusedError,
  ConversationServerError,
  ConversationTimeoutError,
  closeCodeMeaning,
  ErrorCode,
} from "../errors";
import type { ProfileName } from "../profiles/types";
import { type AgentAudio, decodeAgentAudio } from "./agent-audio";
import { type AudioStreamOptions, encodeUserAudio, silence, streamPaced, type UserAudio } from "./audio-stream";
import { describeUrl, fetchSignedUrl, publicConversationUrl } from "./connection-url";
import { EventLog, type RecordedEvent } from "./events";
import { type ErrorMessage, parseServerMessage } from "./messages";
import { type PingShape, pongFor, toolResultFor } from "./replies";

export type { RecordedEvent } from "./events";

/** What a client tool answers: a result (sent as is; the live service expects a string) or an error. */
export type ClientToolOutcome = { result: unknown } | { error: string };
export type ClientToolHandler = (parameters: Record<string, unknown>) => Promise<ClientToolOutcome> | ClientToolOutcome;

export interface ConversationClientOptions {
  /** The API base URL as the provider takes it (`https://api.elevenlabs.io`, or with `/v1/convai`). */
  baseUrl: string;
  /** Sent only in the `xi-api-key` header of the signed-URL request; never in a URL, log, event or error. */
  apiKey?: string;
  agentId: string;
  /**
   * `public`: the public URL; `signed`: a signed URL (needs `apiKey`); `auto` (default): the
   * public URL, and when the server refuses it with 401/403 and an `apiKey` is given, a signed URL.
   * Auto tries public first so a public agent needs no signed-URL route and no key.
   */
  auth?: "public" | "signed" | "auto";
  /**
   * The API profile the signed URL is asked in (`seed`, the contract; `live`, the vendor's
   * service); by default, as the provider chooses it: `live` for the vendor's hosts, else `seed`.
   */
  profile?: ProfileName;
  /** `conversation_config_override`, in the API's (snake_case) shape. */
  overrides?: Record<string, unknown>;
  dynamicVariables?: Record<string, string | number | boolean>;
  /** Answers to `client_tool_call` (live) and to `tool_call` (contract) naming a tool in this table. */
  clientTools?: Record<string, ClientToolHandler>;
  /** Connect + initiation timeout. @default 15_000 */
  timeoutMs?: number;
  /** Aborting fails a pending connect, or closes the conversation (1000). */
  signal?: AbortSignal;
  /** Called for every event in and out, as it is recorded (progress). */
  onEvent?: (event: RecordedEvent) => void;
  /** An `Origin` header, as a browser sends (checked against the agent's `allowed_origins`); servers send none. */
  origin?: string;
  /** WebSocket subprotocols to offer (e.g. `["convai"]`); the selected one is {@link ConversationClient.protocol}. */
  protocols?: string[];
}

export interface CloseInfo {
  code: number;
  reason: string;
  byServer: boolean;
}

/** The server's VAD default (`turn.silence_duration_ms`, 700 ms) plus margin for chunking and scheduling. */
const VAD_MARGIN_MS = 500;
const DEFAULT_SILENCE_DURATION_MS = 700;

/**
 * One conversation with an agent over its WebSocket, as a test needs it: it answers pings and
 * client tool calls by itself, records every event with its arrival time, and lets the caller
 * wait for events by predicate. Use {@link ConversationClient.connect}.
 */
export class ConversationClient {
  readonly conversationId: string;
  readonly userInputFormat: AudioFormat;
  readonly agentOutputFormat: AudioFormat;
  readonly closed: Promise<CloseInfo>;

  readonly #ws: WebSocket;
  readonly #log: EventLog;
  readonly #options: ConversationClientOptions;
  #closeInfo: CloseInfo | undefined;
  /** Shared with the socket's close handler, which tells who closed. */
  readonly #closing: { byClient: boolean };

  private constructor(
    socket: { ws: WebSocket; log: EventLog; closed: Promise<CloseInfo>; closing: { byClient: boolean } },
    metadata: { conversation_id: string; user_input_audio_format: AudioFormat; agent_output_audio_format: AudioFormat },
    options: ConversationClientOptions,
  ) {
    this.#ws = socket.ws;
    this.#log = socket.log;
    this.#closing = socket.closing;
    // The key served the signed-URL request; the conversation does not keep it.
    const { apiKey: _, ...rest } = options;
    this.#options = rest;
    this.closed = socket.closed;
    this.conversationId = metadata.conversation_id;
    this.userInputFormat = metadata.user_input_audio_format;
    this.agentOutputFormat = metadata.agent_output_audio_format;
  }

  /** Every event in and out so far, in order. */
  get events(): readonly RecordedEvent[] {
    return this.#log.events;
  }

  /** The subprotocol the server selected ("" when none was offered or selected). */
  get protocol(): string {
    return this.#ws.protocol;
  }

  /** Event-clock ms now (ms since `connect` started). */
  now(): number {
    return this.#log.now();
  }

  /**
   * Opens the socket, sends `conversation_initiation_client_data`, and resolves once
   * `conversation_initiation_metadata` arrived. Rejects with ConversationRefusedError (upgrade
   * refused: auth, unknown agent), ConversationServerError (an `error` event first),
   * ConversationClosedError or ConversationTimeoutError.
   */
  static async connect(options: ConversationClientOptions): Promise<ConversationClient> {
    const auth = options.auth ?? "auto";
    if (auth === "signed" && !options.apiKey) {
      throw new ConversationError(
        `agent ${options.agentId}: auth "signed" needs an apiKey to ask for a signed URL`,
        ErrorCode.InvalidArgument,
      );
    }
    const log = new EventLog(options.onEvent);
    const signed = () =>
      fetchSignedUrl({
        baseUrl: options.baseUrl,
        apiKey: options.apiKey as string,
        agentId: options.agentId,
        profile: options.profile,
      });
    const url = auth === "signed" ? await signed() : publicConversationUrl(options.baseUrl, options.agentId);
    try {
      return await ConversationClient.#open(url, log, options);
    } catch (error) {
      const authRefusal = error instanceof ConversationRefusedError && (error.status === 401 || error.status === 403);
      if (auth !== "auto" || !options.apiKey || !authRefusal) throw error;
      return ConversationClient.#open(await signed(), log, options);
    }
  }

  static #open(url: string, log: EventLog, options: ConversationClientOptions): Promise<ConversationClient> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const where = `agent ${options.agentId} (${describeUrl(url)})`;
    return new Promise((resolve, reject) => {
      options.signal?.throwIfAborted();
      const ws = new WebSocket(url, options.protocols ?? [], {
        handshakeTimeout: timeoutMs,
        ...(options.origin ? { origin: options.origin } : {}),
      });
      let settled = false;
      const closing = { byClient: false };
      let serverError: ConversationServerError | undefined;
      let client: ConversationClient | undefined;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        closing.byClient = true;
        if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          fail(
            new ConversationTimeoutError(
              `${where}: no conversation_initiation_metadata within ${timeoutMs} ms` +
                (log.events.some((e) => e.direction === "in") ? "" : " (the server sent nothing)"),
              "conversation_initiation_metadata",
              timeoutMs,
            ),
          ),
        timeoutMs,
      );
      const onAbort = () => {
        if (!settled) fail(new ConversationError(`${where}: connect aborted`, "ABORTED"));
        else client?.close().catch(() => {});
      };
      options.signal?.addEventListener("abort", onAbort, { once: true });

      const closed = new Promise<CloseInfo>((resolveClosed) => {
        ws.on("close", (code, reasonBuf) => {
          options.signal?.removeEventListener("abort", onAbort);
          const reason = reasonBuf.toString();
          const byServer = !closing.byClient;
          const info = { code, reason, byServer };
          if (client) client.#closeInfo = info;
          log.record("in", "close", info);
          resolveClosed(info);
          log.closed();
          if (serverError) {
            serverError.closeCode = code;
            fail(serverError);
          }
          fail(
            new ConversationClosedError(
              `${where}: the socket closed before the conversation started: ${code} ${closeCodeMeaning(code)}` +
                (reason ? ` ("${reason}")` : ""),
              code,
              reason,
              byServer,
            ),
          );
        });
      });

      ws.once("unexpected-response", (_req, res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          body += d;
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const api = ApiError.fromResponse({
            status,
            headers: res.headers as Record<string, string>,
            text: body,
            method: "GET",
            path: "/conversation",
            url: describeUrl(url),
            pathValues: [options.agentId],
            redact: (t) => (options.apiKey ? t.split(options.apiKey).join("[redacted]") : t),
          });
          const hint =
            status === 401 || status === 403
              ? options.apiKey
                ? " (the agent is private: its signed URL was refused)"
                : ' (the agent is private: give apiKey, with auth "auto" or "signed", to connect with a signed URL)'
              : "";
          fail(
            new ConversationRefusedError(
              `${where}: the server refused the conversation: ${status} ${api.code}: ${api.message}${hint}` +
                (api.requestId ? ` (request id ${api.requestId})` : ""),
              api.code,
              status,
              api.requestId,
            ),
          );
        });
      });
      ws.on("error", (error) => {
        if (!settled)
          fail(new ConversationError(`${where}: ${error.message}`, ErrorCode.ConnectionError, { cause: error }));
      });

      ws.on("open", () => {
        const init: Record<string, unknown> = { type: "conversation_initiation_client_data" };
        if (options.overrides) init.conversation_config_override = options.overrides;
        if (options.dynamicVariables) init.dynamic_variables = options.dynamicVariables;
        ws.send(JSON.stringify(init));
        log.record("out", init.type as string, init);
      });

      ws.on("message", (data, isBinary) => {
        const raw = isBinary ? Buffer.from(data as Buffer).toString("utf8") : String(data);
        const parsed = parseServerMessage(raw);
        log.record("in", parsed.type, parsed.message);
        if (client) {
          client.#handle(parsed);
          return;
        }
        if (parsed.known && parsed.message.type === "error") {
          // The server usually closes right after (1008): wait briefly so the error can say so.
          const error = serverErrorOf(
            parsed.message,
            `${where}: the server sent an error before the conversation started`,
          );
          serverError = error;
          setTimeout(() => fail(error), 1000).unref?.();
        } else if (parsed.known && parsed.message.type === "conversation_initiation_metadata") {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          client = new ConversationClient(
            { ws, log, closed, closing },
            parsed.message.conversation_initiation_metadata_event,
            options,
          );
          resolve(client);
        } else if (!parsed.known && parsed.type === "conversation_initiation_metadata") {
          fail(
            new ConversationError(
              `${where}: the server's conversation_initiation_metadata is not understood (${parsed.problem})`,
              ErrorCode.UnexpectedResponse,
            ),
          );
        } else if (parsed.known && parsed.type === "ping") {
          // Answered before the metadata too: a server may ping early.
          answerPing(ws, log, parsed.message as PingShape);
        }
      });
    });
  }

  #handle(parsed: ReturnType<typeof parseServerMessage>): void {
    if (!parsed.known) return;
    const message = parsed.message;
    switch (message.type) {
      case "ping":
        answerPing(this.#ws, this.#log, message);
        return;
      case "client_tool_call":
      case "tool_call":
        void this.#answerToolCall(message);
        return;
      default:
        return;
    }
  }

  async #answerToolCall(message: unknown): Promise<void> {
    const answer = await toolResultFor(message, this.#options.clientTools);
    if (answer) this.#send({ ...answer });
  }

  #send(message: Record<string, unknown> & { type: string }): void {
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    this.#ws.send(JSON.stringify(message));
    this.#log.record("out", message.type, message);
  }

  #assertOpen(what: string): void {
    if (this.#ws.readyState !== WebSocket.OPEN) throw this.#closedError(what);
  }

  #closedError(what: string): ConversationClosedError {
    const info = this.#closeInfo;
    return new ConversationClosedError(
      `conversation ${this.conversationId}: cannot ${what}: the socket is ${info ? "closed" : "closing"}` +
        (info ? ` (${info.code} ${closeCodeMeaning(info.code)}${info.reason ? `, "${info.reason}"` : ""})` : ""),
      info?.code ?? 1006,
      info?.reason ?? "",
      info?.byServer ?? true,
    );
  }

  async #ensureOpen(what: string): Promise<void> {
    if (this.#ws.readyState !== WebSocket.OPEN) throw await this.#whenClosedError(what, this.#closedError(what));
  }

  /**
   * For the async senders: a socket that is closing (the server's close frame is in, its close
   * event not yet) is waited for briefly, so the error carries the close code and reason.
   */
  async #whenClosedError(what: string, error: unknown): Promise<unknown> {
    if (!(error instanceof ConversationClosedError) || this.#closeInfo) return error;
    const closed = await Promise.race([this.closed, new Promise((r) => setTimeout(r, 2000).unref?.())]);
    return closed ? this.#closedError(what) : error;
  }

  /**
   * Streams a user turn: any WAV (8–48 kHz, mono or stereo, 16-bit or float) or float samples,
   * converted to the announced `userInputFormat`, in chunks of `chunkMs` paced at `speed`
   * (1 = real time), followed by `trailingSilenceMs` of silence (default: the server's
   * `turn.silence_duration_ms` from the overrides, else 700 ms, plus 500 ms) so the VAD ends the turn.
   */
  async sendAudio(audio: UserAudio, options: AudioStreamOptions = {}): Promise<{ startedAt: number; endedAt: number }> {
    await this.#ensureOpen("send audio");
    const format = this.userInputFormat;
    const speech = encodeUserAudio(audio, format);
    const turn = (this.#options.overrides?.turn ?? {}) as { silence_duration_ms?: unknown };
    const vadSilence =
      typeof turn.silence_duration_ms === "number" ? turn.silence_duration_ms : DEFAULT_SILENCE_DURATION_MS;
    const trailing = silence(format, options.trailingSilenceMs ?? vadSilence + VAD_MARGIN_MS);
    const speed = options.speed ?? 1;
    if (!(speed > 0))
      throw new RangeError(`sendAudio: speed must be > 0 (Infinity for as fast as possible), got ${speed}`);
    try {
      return await streamPaced(
        speech,
        trailing,
        format,
        (chunk) => {
          this.#assertOpen("send audio");
          const message = { user_audio_chunk: chunk.toString("base64") };
          this.#ws.send(JSON.stringify(message));
          this.#log.record("out", "user_audio_chunk", message);
        },
        () => this.#log.now(),
        { speed, chunkMs: options.chunkMs ?? 250, signal: this.#options.signal },
      );
    } catch (error) {
      throw await this.#whenClosedError("send audio", error);
    }
  }

  /**
   * A typed user turn: `user_message` (the live form, default) or, with `form: "contract"`, the
   * contract's `user_input`; the emulator takes both.
   */
  async sendText(text: string, options: { form?: "live" | "contract" } = {}): Promise<{ sentAt: number }> {
    await this.#ensureOpen("send text");
    this.#send({ type: options.form === "contract" ? "user_input" : "user_message", text });
    return { sentAt: this.#log.now() };
  }

  /**
   * Sends a frame as given (an object as JSON, a string as is) and records it: for messages this
   * client does not build (the contract's `user_input`, `user_activity`, `feedback`) and for
   * testing how a server takes malformed input.
   */
  sendRaw(message: string | Record<string, unknown>): void {
    this.#assertOpen("send a message");
    const text = typeof message === "string" ? message : JSON.stringify(message);
    this.#ws.send(text);
    const type =
      typeof message === "string"
        ? "raw"
        : typeof message.type === "string"
          ? message.type
          : "user_audio_chunk" in message
            ? "user_audio_chunk"
            : "raw";
    this.#log.record("out", type, message);
  }

  /** Context for the agent that is not a user turn (`contextual_update`). */
  sendContextualUpdate(text: string): void {
    this.#assertOpen("send a contextual update");
    this.#send({ type: "contextual_update", text });
  }

  /**
   * The first event at or after `since` (event-clock ms, default 0: events already recorded
   * count) that passes `predicate`. Rejects with ConversationTimeoutError naming `description`,
   * ConversationClosedError when the socket closes first, or ConversationServerError when an
   * `error` event arrives first (unless the predicate accepts it).
   */
  waitFor<T extends RecordedEvent = RecordedEvent>(
    predicate: (e: RecordedEvent) => boolean,
    options: {
      timeoutMs: number;
      since?: number;
      description: string;
      /** Reject on an `error` event the predicate does not accept. @default true */
      failOnError?: boolean;
    },
  ): Promise<T> {
    const since = options.since ?? 0;
    const label = `conversation ${this.conversationId}: waiting for ${options.description}`;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let unsubscribe = () => {};
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        outcome();
      };
      const check = (e: RecordedEvent): boolean => {
        if (e.at < since) return false;
        if (predicate(e)) {
          settle(() => resolve(e as T));
          return true;
        }
        if (e.direction === "in" && e.type === "error" && options.failOnError !== false) {
          settle(() => reject(serverErrorOf(e.message as ErrorMessage, `${label}: the server sent an error`)));
          return true;
        }
        return false;
      };
      const onClose = () =>
        settle(() => {
          const info = this.#closeInfo ?? { code: 1006, reason: "", byServer: true };
          reject(
            new ConversationClosedError(
              `${label}: the socket closed first: ${info.code} ${closeCodeMeaning(info.code)}` +
                (info.reason ? ` ("${info.reason}")` : "") +
                (info.byServer ? " by the server" : " by the client"),
              info.code,
              info.reason,
              info.byServer,
            ),
          );
        });
      for (const e of this.#log.events) if (check(e)) return;
      if (this.#closeInfo) return onClose();
      unsubscribe = this.#log.subscribe({ onEvent: check, onClose });
      timer = setTimeout(
        () =>
          settle(() =>
            reject(
              new ConversationTimeoutError(
                `${label}: not within ${options.timeoutMs} ms; received since then: ${summarize(this.#log.events, since)}`,
                options.description,
                options.timeoutMs,
              ),
            ),
          ),
        options.timeoutMs,
      );
    });
  }

  /**
   * The agent's audio received at or after `since`, decoded to float samples at the announced
   * output rate; chunks of an interrupted response that arrive after the interruption are
   * dropped, as a player drops them (see {@link decodeAgentAudio}).
   */
  agentAudio(since = 0): AgentAudio {
    return decodeAgentAudio(this.#log.events, this.agentOutputFormat, since);
  }

  /** Closes with 1000 and resolves with the close code and reason (at once if already closed). */
  async close(): Promise<{ code: number; reason: string }> {
    if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING) {
      this.#closing.byClient = true;
      this.#ws.close(1000, "client closed");
      const force = setTimeout(() => this.#ws.terminate(), 3000);
      const info = await this.closed;
      clearTimeout(force);
      return { code: info.code, reason: info.reason };
    }
    const info = await this.closed;
    return { code: info.code, reason: info.reason };
  }
}

/** Sends the pong for a ping, after the delay the live protocol asks for. */
function answerPing(ws: WebSocket, log: EventLog, message: PingShape): void {
  const { pong, delayMs } = pongFor(message);
  const send = () => {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify(pong));
    log.record("out", "pong", pong);
  };
  if (delayMs > 0) setTimeout(send, delayMs).unref?.();
  else send();
}

function serverErrorOf(message: ErrorMessage, context: string): ConversationServerError {
  const code = message.error_event?.code ?? "SERVER_ERROR";
  const text = message.error_event?.message ?? message.message ?? "(no message)";
  return new ConversationServerError(`${context}: ${code}: ${text}`, code, text, message.error_event?.details);
}

/** `type×n, …` of the events in since `since`, for a timeout message. */
function summarize(events: readonly RecordedEvent[], since: number): string {
  const counts = new Map<string, number>();
  for (const e of events) if (e.direction === "in" && e.at >= since) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return counts.size === 0 ? "nothing" : [...counts].map(([t, n]) => (n > 1 ? `${t}×${n}` : t)).join(", ");
}
