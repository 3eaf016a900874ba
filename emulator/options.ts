import { PROFILES, type ProfileName, profileNamed } from "./profiles/index";

/** Options of `startEmulator`; the CLI maps its flags onto these. */
export interface EmulatorOptions {
  /**
   * Which API to serve: the documented contract (`seed`) or the live ElevenLabs API's paths,
   * bodies, pagination and errors (`live`; README "Live profile"). @default "seed"
   */
  profile?: ProfileName;
  /**
   * Requests served at once per key; one more gets 429 `too_many_concurrent_requests` (the live
   * API's limit; in the seed profile it answers in the seed's envelope). 0 turns it off. @default 0
   */
  maxConcurrentRequests?: number;
  /** @default 0 (any free port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** Directory for the journal and snapshot; in-memory when absent. */
  dataDir?: string;
  /** The one key `xi-api-key` must carry. @default "test-key" */
  apiKey?: string;
  /** Requests per minute per key; 0 turns limiting off. @default 100 in `seed`, 0 in `live` (it documents none) */
  rateLimit?: number;
  /** How long a knowledge-base document stays `processing`. @default 300 */
  kbProcessingDelayMs?: number;
  /** Timeout for fetching URL documents. @default 5000 */
  kbFetchTimeoutMs?: number;
  /** Time an outbound call spends in each of `initiated` and `in-progress`. @default 200 */
  conversationStepMs?: number;
  /** HMAC key for webhooks that have no `secret` of their own. @default "whsec_emulator" */
  webhookSecret?: string;
  /** Delivery attempts per webhook event (first try included). @default 4 */
  webhookMaxAttempts?: number;
  /** First retry delay; doubles per attempt. @default 200 */
  webhookRetryBaseMs?: number;
  /** Serve `/_emulator/*` (stats, faults, reset, seeding). @default false */
  testEndpoints?: boolean;
  /** Lifetime of signed-URL tokens. @default 900 */
  signedUrlTtlSeconds?: number;
  /** How often a conversation socket sends the live `ping` event. @default 5000 */
  conversationPingIntervalMs?: number;
  /** Receives one line per request and per background failure. Never given the API key. */
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, "dataDir">> & { dataDir?: string };

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const profile = options.profile ?? "seed";
  if (!PROFILES.includes(profile))
    throw new Error(`unknown profile ${String(profile)}; expected ${PROFILES.join(" or ")}`);
  return {
    profile,
    maxConcurrentRequests: options.maxConcurrentRequests ?? 0,
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    dataDir: options.dataDir,
    apiKey: options.apiKey ?? "test-key",
    rateLimit: options.rateLimit ?? profileNamed(profile).defaults.rateLimit,
    kbProcessingDelayMs: options.kbProcessingDelayMs ?? 300,
    kbFetchTimeoutMs: options.kbFetchTimeoutMs ?? 5000,
    conversationStepMs: options.conversationStepMs ?? 200,
    webhookSecret: options.webhookSecret ?? "whsec_emulator",
    webhookMaxAttempts: options.webhookMaxAttempts ?? 4,
    webhookRetryBaseMs: options.webhookRetryBaseMs ?? 200,
    testEndpoints: options.testEndpoints ?? false,
    signedUrlTtlSeconds: options.signedUrlTtlSeconds ?? 900,
    conversationPingIntervalMs: options.conversationPingIntervalMs ?? 5000,
    log: options.log ?? (() => {}),
  };
}
