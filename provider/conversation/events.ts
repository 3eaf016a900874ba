/**
 * The conversation's event log: every message in and out, with its time on one clock (ms since
 * the connection started, `performance.now` based, so it is monotonic). Reports, latency figures
 * and the audio checks are computed from this log alone.
 */

export interface RecordedEvent {
  /** ms since `ConversationClient.connect` started (performance.now based). */
  at: number;
  direction: "in" | "out";
  /** The message's `type`; `user_audio_chunk` for audio sent, `invalid_json` for a frame that is not JSON. */
  type: string;
  /** The message as sent or received (parsed JSON; the raw text for a frame that is not JSON). */
  message: unknown;
}

type Waiter = { onEvent: (e: RecordedEvent) => void; onClose: () => void };

export class EventLog {
  readonly events: RecordedEvent[] = [];
  readonly #start = performance.now();
  readonly #waiters = new Set<Waiter>();

  constructor(private readonly onEvent?: (event: RecordedEvent) => void) {}

  /** ms on the event clock. */
  now(): number {
    return performance.now() - this.#start;
  }

  record(direction: RecordedEvent["direction"], type: string, message: unknown): RecordedEvent {
    const event: RecordedEvent = { at: this.now(), direction, type, message };
    this.events.push(event);
    // A throwing progress hook must not break the conversation.
    try {
      this.onEvent?.(event);
    } catch {}
    for (const waiter of [...this.#waiters]) waiter.onEvent(event);
    return event;
  }

  /** Tells every waiter that no further event will come. */
  closed(): void {
    for (const waiter of [...this.#waiters]) waiter.onClose();
  }

  subscribe(waiter: Waiter): () => void {
    this.#waiters.add(waiter);
    return () => this.#waiters.delete(waiter);
  }
}

/** The events that arrived from the server at or after `since` (event-clock ms). */
export const incoming = (events: readonly RecordedEvent[], since = 0): RecordedEvent[] =>
  events.filter((e) => e.direction === "in" && e.at >= since);
