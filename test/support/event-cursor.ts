/**
 * Reads a ConversationClient's incoming messages in order, for emulator tests that assert the
 * server's exact sequence: `next(type)` is the next message of that type after the one it
 * returned last; messages skipped on the way stay in `client.events`.
 */
import type { ConversationClient, RecordedEvent } from "../../provider/index";

export type ServerMessage = { type: string } & Record<string, any>;

export class EventCursor {
  private index = 0;

  constructor(readonly client: ConversationClient) {}

  /** Every message received so far. */
  get messages(): ServerMessage[] {
    return this.client.events
      .filter((e) => e.direction === "in" && e.type !== "close")
      .map((e) => e.message as ServerMessage);
  }

  /** A frame as given (see ConversationClient.sendRaw). */
  send(message: string | Record<string, unknown>): void {
    this.client.sendRaw(message);
  }

  close(): Promise<{ code: number; reason: string }> {
    return this.client.close();
  }

  /** The close code and reason, whoever closed. */
  get closed(): Promise<{ code: number; reason: string }> {
    return this.client.closed.then(({ code, reason }) => ({ code, reason }));
  }

  /** The metadata the conversation started with. */
  metadata(): Promise<ServerMessage> {
    return this.next("conversation_initiation_metadata");
  }

  async next(type: string, where: (m: ServerMessage) => boolean = () => true): Promise<ServerMessage> {
    const events = this.client.events;
    const from = this.index;
    const event = await this.client.waitFor(
      (e: RecordedEvent) =>
        e.direction === "in" && e.type === type && events.indexOf(e) >= from && where(e.message as ServerMessage),
      { timeoutMs: 20_000, description: `a ${type} message`, failOnError: false },
    );
    this.index = events.indexOf(event) + 1;
    return event.message as ServerMessage;
  }

  /** All agent audio of one response, once its `is_final` chunk arrived; the cursor moves past that chunk. */
  async responseAudio(eventId: number): Promise<{ chunks: ServerMessage[]; bytes: Buffer }> {
    const last = await this.client.waitFor(
      (e) =>
        e.type === "audio" &&
        (e.message as any).audio_event.event_id === eventId &&
        (e.message as any).audio_event.is_final,
      { timeoutMs: 20_000, description: `the last audio chunk of response ${eventId}`, failOnError: false },
    );
    this.index = Math.max(this.index, this.client.events.indexOf(last) + 1);
    const chunks = this.messages.filter((m) => m.type === "audio" && m.audio_event.event_id === eventId);
    return { chunks, bytes: Buffer.concat(chunks.map((c) => Buffer.from(c.audio_event.audio_base_64, "base64"))) };
  }
}
