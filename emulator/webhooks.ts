import { createHmac } from "node:crypto";
import { request } from "undici";
import { newId, nowIso } from "./ids";
import type { WebhookConfig } from "./models/common";
import type { Scheduler } from "./scheduler";

export const WEBHOOK_EVENTS = [
  "conversation.started",
  "conversation.ended",
  "conversation.error",
  "tool.called",
  "agent.updated",
  "knowledge_base.updated",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookSettings {
  defaultSecret: string;
  maxAttempts: number;
  retryBaseMs: number;
  log: (line: string) => void;
}

/** `conversation_ended` and `conversation.ended` name the same event (the contract uses both). */
const normalize = (name: string) => name.replace(/_/g, ".");

export const wants = (target: WebhookConfig, event: WebhookEvent): boolean =>
  !target.events || target.events.map(normalize).includes(normalize(event));

/**
 * Fire-and-forget delivery: `{ event, timestamp, data }` POSTed with `X-ElevenLabs-Signature`
 * (hex HMAC-SHA256 of the exact body bytes). Failures and non-2xx answers are retried with
 * doubling delays on the scheduler, so nothing here ever blocks or fails an API request.
 */
export class Webhooks {
  private controllers = new Set<AbortController>();

  constructor(
    private readonly settings: WebhookSettings,
    private readonly scheduler: Scheduler,
  ) {}

  send(event: WebhookEvent, data: Record<string, unknown>, targets: WebhookConfig[]): void {
    const body = JSON.stringify({ event, timestamp: nowIso(), data });
    for (const target of targets) {
      if (!wants(target, event)) continue;
      const signature = createHmac("sha256", target.secret ?? this.settings.defaultSecret)
        .update(body)
        .digest("hex");
      // One id across retries so a receiver can drop duplicates.
      const deliveryId = newId("whd");
      this.scheduler.after(0, () => this.attempt(target.url, event, body, signature, deliveryId, 1));
    }
  }

  abortAll(): void {
    for (const controller of this.controllers) controller.abort();
    this.controllers.clear();
  }

  private async attempt(url: string, event: string, body: string, signature: string, id: string, n: number) {
    const controller = new AbortController();
    this.controllers.add(controller);
    let failure: string | undefined;
    try {
      const response = await request(url, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-elevenlabs-signature": signature,
          "x-elevenlabs-event": event,
          "x-elevenlabs-delivery": id,
        },
        signal: controller.signal,
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode >= 300) failure = `HTTP ${response.statusCode}`;
    } catch (error) {
      if (controller.signal.aborted) return;
      failure = (error as Error).message;
    } finally {
      this.controllers.delete(controller);
    }
    if (!failure) return;
    if (n >= this.settings.maxAttempts) {
      this.settings.log(`webhook ${event} to ${url} failed after ${n} attempts: ${failure}`);
      return;
    }
    const delay = this.settings.retryBaseMs * 2 ** (n - 1);
    this.scheduler.after(delay, () => this.attempt(url, event, body, signature, id, n + 1));
  }
}
