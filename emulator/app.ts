import { ConcurrencyLimiter } from "./concurrency";
import { Faults } from "./faults";
import type { WebhookConfig } from "./models/common";
import type { ResolvedOptions } from "./options";
import { type Profile, profileNamed } from "./profiles/index";
import { RateLimiter } from "./rate-limit";
import { Scheduler } from "./scheduler";
import { UrlSigner } from "./signed-url";
import { Stats } from "./stats";
import { Store } from "./store/store";
import { type WebhookEvent, Webhooks } from "./webhooks";

/** Where the store records which profile wrote it. */
const PROFILE_MARKER = "profile";

/**
 * Everything a handler may touch, built once per emulator. It imports no handler-side module
 * (document processing, call lifecycle): those import `App`, and `startEmulator` wires them up.
 */
export class App {
  readonly store: Store;
  readonly stats = new Stats();
  readonly faults = new Faults();
  readonly rateLimiter: RateLimiter;
  readonly concurrency: ConcurrencyLimiter;
  /** The API this emulator serves: routes, error shapes, and how conversations read the store. */
  readonly profile: Profile;
  readonly signer = new UrlSigner();
  readonly scheduler: Scheduler;
  readonly webhooks: Webhooks;
  /** `http://host:port`, known once the server listens. */
  url = "";
  private readonly shutdownController = new AbortController();
  /** Aborted by `close()`: outgoing fetches (URL documents) stop with it. */
  readonly shutdown: AbortSignal = this.shutdownController.signal;

  constructor(readonly options: ResolvedOptions) {
    this.store = new Store(options.dataDir);
    this.rateLimiter = new RateLimiter(options.rateLimit);
    this.concurrency = new ConcurrencyLimiter(options.maxConcurrentRequests);
    this.profile = profileNamed(options.profile);
    this.claimStore();
    this.scheduler = new Scheduler((error) => options.log(`background task failed: ${(error as Error).message}`));
    this.webhooks = new Webhooks(
      {
        defaultSecret: options.webhookSecret,
        maxAttempts: options.webhookMaxAttempts,
        retryBaseMs: options.webhookRetryBaseMs,
        log: options.log,
      },
      this.scheduler,
    );
  }

  /** Sends an event to the agent's webhook (when the event concerns an agent) and the workspace's. */
  emit(event: WebhookEvent, data: Record<string, unknown>, agentId?: string): void {
    const targets: WebhookConfig[] = [];
    const agentHook = agentId ? this.store.get("agents", agentId)?.platform_settings?.webhook : undefined;
    if (agentHook) targets.push(agentHook);
    const workspaceHook = this.store.get("workspace", "workspace")?.settings.webhook;
    if (workspaceHook) targets.push(workspaceHook);
    if (targets.length > 0) this.webhooks.send(event, data, targets);
  }

  /** A fresh emulator: empty store, no background work, counters, faults and windows reset. */
  reset(): void {
    this.scheduler.cancelAll();
    this.webhooks.abortAll();
    this.store.clear();
    this.stats.reset();
    this.faults.clear();
    this.rateLimiter.reset();
    this.claimStore();
  }

  /**
   * The store holds objects in the shape of the profile that wrote them, so a data directory
   * written by one profile is refused by the other rather than served half-understood.
   */
  private claimStore(): void {
    const marker = this.store.get("meta", PROFILE_MARKER);
    if (marker?.profile && marker.profile !== this.profile.name) {
      this.store.close();
      throw new Error(
        `data directory ${this.options.dataDir} holds objects of the ${marker.profile} profile; start with --profile ${marker.profile} or use another directory`,
      );
    }
    if (!marker) this.store.put("meta", PROFILE_MARKER, { profile: this.profile.name });
  }

  close(): void {
    this.shutdownController.abort();
    this.scheduler.stop();
    this.webhooks.abortAll();
    this.store.close();
  }
}
