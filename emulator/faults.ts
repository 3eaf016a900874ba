import { z } from "zod";

/** `PUT /_emulator/faults`. Strict: a typo in a test's fault config should fail loudly. */
export const faultConfig = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.union([z.literal(500), z.literal(503)]).optional(),
  /** The next `count` requests answer 429; `busy` makes it the live API's `system_busy` instead of a rate limit. */
  rateLimitStorm: z.strictObject({ count: z.number().int().min(1), busy: z.boolean().optional() }).optional(),
  /** The next `count` matching requests answer `errorStatus`: `errorRate`, but deterministic. */
  errorBurst: z.strictObject({ count: z.number().int().min(1) }).optional(),
  /** `Retry-After` (seconds) on injected 429s and 5xx. @default 1 on storm 429s, none on 5xx */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  dropRate: z.number().min(0).max(1).optional(),
  /** The next `count` matching requests lose their connection, unanswered: `dropRate`, but deterministic. */
  dropBurst: z.strictObject({ count: z.number().int().min(1) }).optional(),
  /**
   * Share of requests that are APPLIED and then lose their answer, as when a gateway times out
   * after the backend did the work: the connection drops, or a 502/503/504 replaces the real
   * response. The one fault that changes state; it is what makes a blind retry of a POST duplicate.
   */
  lostResponseRate: z.number().min(0).max(1).optional(),
  /** The next `count` matching requests are applied and lose their answer: `lostResponseRate`, but deterministic. */
  lostResponseBurst: z.strictObject({ count: z.number().int().min(1) }).optional(),
  /** How a lost response shows. @default "drop" */
  lostResponseAs: z.union([z.literal("drop"), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  /** Route templates (`GET /v1/convai/agents/{agent_id}` or just `/v1/convai/agents/{agent_id}`). */
  routes: z.array(z.string()).optional(),
});
export type FaultConfig = z.infer<typeof faultConfig>;

export type FaultAction = {
  latencyMs: number;
  kind?: "drop" | "storm" | "error";
  /** A storm's 429 is `system_busy`. */
  busy?: boolean;
  status?: number;
  /** For injected 429s and 5xx. */
  retryAfterSeconds?: number;
  /** Set when the request is to be applied and its answer then lost. */
  loseResponse?: "drop" | number;
};

/** Decides, per `/v1/convai` request and before any handler runs, what goes wrong with it. */
export class Faults {
  private config: FaultConfig = {};
  private stormLeft = 0;
  private burstLeft = 0;
  private dropsLeft = 0;
  private lostLeft = 0;

  /** `random` is a parameter so the rate-based faults can be tested without chance. */
  constructor(private readonly random: () => number = Math.random) {}

  set(config: FaultConfig): void {
    this.config = config;
    this.stormLeft = config.rateLimitStorm?.count ?? 0;
    this.burstLeft = config.errorBurst?.count ?? 0;
    this.dropsLeft = config.dropBurst?.count ?? 0;
    this.lostLeft = config.lostResponseBurst?.count ?? 0;
  }

  clear(): void {
    this.set({});
  }

  current() {
    return {
      ...this.config,
      rateLimitStorm:
        this.stormLeft > 0
          ? { count: this.stormLeft, ...(this.config.rateLimitStorm?.busy ? { busy: true } : {}) }
          : undefined,
      errorBurst: this.burstLeft > 0 ? { count: this.burstLeft } : undefined,
      dropBurst: this.dropsLeft > 0 ? { count: this.dropsLeft } : undefined,
      lostResponseBurst: this.lostLeft > 0 ? { count: this.lostLeft } : undefined,
    };
  }

  decide(method: string, template: string): FaultAction {
    const c = this.config;
    if (c.routes && !c.routes.includes(`${method} ${template}`) && !c.routes.includes(template)) {
      return { latencyMs: 0 };
    }
    const latencyMs = c.latencyMs ?? 0;
    if (this.dropsLeft > 0) {
      this.dropsLeft--;
      return { latencyMs, kind: "drop" };
    }
    if (c.dropRate && this.random() < c.dropRate) return { latencyMs, kind: "drop" };
    const retryAfterSeconds = c.retryAfterSeconds;
    if (this.stormLeft > 0) {
      this.stormLeft--;
      return { latencyMs, kind: "storm", busy: c.rateLimitStorm?.busy, retryAfterSeconds: retryAfterSeconds ?? 1 };
    }
    const error = { latencyMs, kind: "error", status: c.errorStatus ?? 503, retryAfterSeconds } as const;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return error;
    }
    if (c.errorRate && this.random() < c.errorRate) return error;
    const lost = { latencyMs, loseResponse: c.lostResponseAs ?? "drop" } as const;
    if (this.lostLeft > 0) {
      this.lostLeft--;
      return lost;
    }
    if (c.lostResponseRate && this.random() < c.lostResponseRate) return lost;
    return { latencyMs };
  }
}
