import { z } from "zod";

/** `PUT /_emulator/faults`. Strict: a typo in a test's fault config should fail loudly. */
export const faultConfig = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  /** A share (`rate`) of requests waits `ms` more: the slow outliers of a real network. */
  latencySpike: z.strictObject({ rate: z.number().min(0).max(1), ms: z.number().int().min(1).max(60_000) }).optional(),
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
  /**
   * Seeds the draws of every rate (`errorRate`, `dropRate`, `lostResponseRate`, `latencySpike`), so
   * the same sequence of requests meets the same faults. Unseeded draws are `Math.random`.
   */
  seed: z.number().int().optional(),
  /** Route templates (`GET /v1/convai/agents/{agent_id}` or just `/v1/convai/agents/{agent_id}`). */
  routes: z.array(z.string()).optional(),
});
export type FaultConfig = z.infer<typeof faultConfig>;

export type FaultAction = {
  latencyMs: number;
  /** Part of `latencyMs` that is a spike (`latencySpike`). */
  spikeMs?: number;
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

  private random: () => number;

  /** `unseeded` is a parameter so the rate-based faults can be tested without chance. */
  constructor(private readonly unseeded: () => number = Math.random) {
    this.random = unseeded;
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.random = config.seed === undefined ? this.unseeded : seededRandom(config.seed);
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
    const spikeMs = c.latencySpike && this.random() < c.latencySpike.rate ? c.latencySpike.ms : 0;
    const delay: FaultAction = { latencyMs: (c.latencyMs ?? 0) + spikeMs, ...(spikeMs > 0 ? { spikeMs } : {}) };
    if (this.dropsLeft > 0) {
      this.dropsLeft--;
      return { ...delay, kind: "drop" };
    }
    if (c.dropRate && this.random() < c.dropRate) return { ...delay, kind: "drop" };
    const retryAfterSeconds = c.retryAfterSeconds;
    if (this.stormLeft > 0) {
      this.stormLeft--;
      return { ...delay, kind: "storm", busy: c.rateLimitStorm?.busy, retryAfterSeconds: retryAfterSeconds ?? 1 };
    }
    const error = { ...delay, kind: "error", status: c.errorStatus ?? 503, retryAfterSeconds } as const;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return error;
    }
    if (c.errorRate && this.random() < c.errorRate) return error;
    const lost = { ...delay, loseResponse: c.lostResponseAs ?? "drop" } as const;
    if (this.lostLeft > 0) {
      this.lostLeft--;
      return lost;
    }
    if (c.lostResponseRate && this.random() < c.lostResponseRate) return lost;
    return delay;
  }
}

/** mulberry32: a tiny, well-known 32-bit PRNG; plenty for fault draws. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
