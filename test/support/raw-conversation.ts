/**
 * A raw `ws` driver of the conversation socket for emulator protocol tests: unlike the provider's
 * ConversationClient it answers nothing by itself (no automatic pongs or tool results), so a test
 * can send each protocol message by hand and wait for the next server message that matches (by
 * event, never by time).
 */
import WebSocket from "ws";
import type { AudioFormat } from "../../provider/audio/formats";
import { bytesPerSecond } from "../../provider/audio/formats";

export type ServerEvent = { type: string } & Record<string, any>;

export class RawConversation {
  readonly messages: ServerEvent[] = [];
  /** Resolves with the close code and reason, whoever closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private cursor = 0;
  private waiters: Array<() => void> = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.messages.push(JSON.parse(String(data)));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        resolve({ code, reason: String(reason) });
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
  }

  /** Opens a socket; rejects with `{ status }` when the upgrade is refused. */
  static open(url: string, options: { origin?: string; protocols?: string[] } = {}): Promise<RawConversation> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options.protocols ?? [], options.origin ? { origin: options.origin } : {});
      ws.once("unexpected-response", (_req, res) => {
        reject(Object.assign(new Error(`upgrade refused with ${res.statusCode}`), { status: res.statusCode }));
        res.resume();
        ws.terminate();
      });
      ws.once("open", () => resolve(new RawConversation(ws)));
      ws.on("error", (error) => reject(error));
    });
  }

  get protocol(): string {
    return this.ws.protocol;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Starts the conversation the way the SDKs do; resolves with the metadata event. */
  async initiate(data: Record<string, unknown> = {}): Promise<ServerEvent> {
    this.send({ type: "conversation_initiation_client_data", ...data });
    return this.next("conversation_initiation_metadata");
  }

  /**
   * The next message after the last one returned by `next` that has `type` (and passes `where`);
   * messages skipped on the way stay in `messages`. Rejects if the socket closes first.
   */
  async next(type: string, where: (m: ServerEvent) => boolean = () => true): Promise<ServerEvent> {
    for (;;) {
      while (this.cursor < this.messages.length) {
        const m = this.messages[this.cursor++] as ServerEvent;
        if (m.type === type && where(m)) return m;
      }
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`socket closed before a ${type} message; got ${this.messages.map((m) => m.type).join(", ")}`);
      }
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** All agent audio of one response (by `event_id`), once its `is_final` chunk arrived. */
  async responseAudio(eventId: number): Promise<{ chunks: ServerEvent[]; bytes: Buffer }> {
    const start = this.cursor;
    await this.next("audio", (m) => m.audio_event.event_id === eventId && m.audio_event.is_final);
    const chunks = this.messages
      .slice(0, this.cursor)
      .filter((m) => m.type === "audio" && m.audio_event.event_id === eventId);
    this.cursor = Math.max(start, this.cursor);
    return { chunks, bytes: Buffer.concat(chunks.map((c) => Buffer.from(c.audio_event.audio_base_64, "base64"))) };
  }

  /**
   * Sends `audio` (already in `format`) as `user_audio_chunk` messages of `chunkMs`, followed by
   * `silenceMs` of silence so the server's turn detection sees the turn end. With `realTime` the
   * chunks leave at the pace a microphone gives them.
   */
  async sendAudio(
    audio: Buffer,
    format: AudioFormat,
    {
      chunkMs = 100,
      silenceMs = 1000,
      realTime = false,
    }: { chunkMs?: number; silenceMs?: number; realTime?: boolean } = {},
  ): Promise<void> {
    const perMs = bytesPerSecond(format) / 1000;
    const silence = Buffer.alloc(Math.round(silenceMs * perMs), format.startsWith("ulaw") ? 0xff : 0);
    const all = Buffer.concat([audio, silence]);
    const step = Math.round(chunkMs * perMs) & ~1;
    const started = performance.now();
    for (let at = 0, n = 0; at < all.length; at += step, n++) {
      this.send({ user_audio_chunk: all.subarray(at, at + step).toString("base64") });
      if (realTime)
        await new Promise((r) => setTimeout(r, Math.max(0, started + (n + 1) * chunkMs - performance.now())));
    }
  }

  close(): void {
    this.ws.close();
  }
}
