import { type ElevenLabsClient, getClient } from "./client/client";
import { ConfigError, ErrorCode } from "./errors";
import type { ProfileName } from "./profiles/types";
import { defaultProfileFor, isProfileName } from "./profiles/wire";

export interface ProviderConfig {
  apiKey: string;
  baseUrl: string;
  /** Which API the base URL speaks (see provider/profiles). */
  profile: ProfileName;
  /** Why this profile: the config key, the variable, or the host default (printed once). */
  profileSource: string;
  /** `elevenlabs:maxConcurrentRequests`: in-flight requests at most (the live API limits concurrency). */
  maxConcurrentRequests?: number;
}

/** Reads full config keys such as `elevenlabs:apiKey` (the shape of the dynamic provider's `configure` config). */
export interface StackConfig {
  get(key: string): string | undefined;
}

export const DEFAULT_BASE_URL = "https://api.elevenlabs.io/v1/convai";

const KEYS = ["apiKey", "baseUrl", "apiProfile", "maxConcurrentRequests"] as const;
const ENV: Record<(typeof KEYS)[number], string> = {
  apiKey: "ELEVENLABS_API_KEY",
  baseUrl: "ELEVENLABS_BASE_URL",
  apiProfile: "ELEVENLABS_API_PROFILE",
  maxConcurrentRequests: "ELEVENLABS_MAX_CONCURRENT_REQUESTS",
};

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Stack config first (`elevenlabs:<key>`), then the environment variable; with where it came from. */
function lookup(stackConfig: StackConfig | undefined, key: (typeof KEYS)[number]) {
  const fromStack = nonEmpty(stackConfig?.get(`elevenlabs:${key}`));
  if (fromStack !== undefined) return { value: fromStack, source: `elevenlabs:${key}` };
  const fromEnv = nonEmpty(process.env[ENV[key]]);
  return fromEnv === undefined ? undefined : { value: fromEnv, source: ENV[key] };
}

/** Base URL and profile only: what `check` needs (no API key: a preview may run without one). */
export function resolveProfile(
  stackConfig?: StackConfig,
): Pick<ProviderConfig, "baseUrl" | "profile" | "profileSource"> {
  const baseUrl = (lookup(stackConfig, "baseUrl")?.value ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const chosen = lookup(stackConfig, "apiProfile");
  if (chosen === undefined) {
    const profile = defaultProfileFor(baseUrl);
    const why = profile === "live" ? "the vendor's host" : "a base URL that is not the vendor's";
    return { baseUrl, profile, profileSource: `the default for ${why}` };
  }
  const value = chosen.value.toLowerCase();
  if (!isProfileName(value)) {
    throw new ConfigError(
      `${chosen.source} must be "seed" (the documented contract, which the emulator speaks by default) or "live" ` +
        `(the vendor's service), got ${JSON.stringify(chosen.value)}`,
      ErrorCode.ConfigInvalidProfile,
    );
  }
  return { baseUrl, profile: value, profileSource: chosen.source };
}

/** Stack config first (`elevenlabs:apiKey` secret, `elevenlabs:baseUrl`, …), then env ELEVENLABS_API_KEY, …. */
export function resolveProviderConfig(stackConfig?: StackConfig): ProviderConfig {
  const apiKey = lookup(stackConfig, "apiKey")?.value;
  if (!apiKey) {
    throw new ConfigError(
      "No ElevenLabs API key: set it with `pulumi config set --secret elevenlabs:apiKey <key>` " +
        "or in the ELEVENLABS_API_KEY environment variable",
      ErrorCode.ConfigMissingApiKey,
    );
  }
  const cap = lookup(stackConfig, "maxConcurrentRequests");
  let maxConcurrentRequests: number | undefined;
  if (cap !== undefined) {
    maxConcurrentRequests = Number(cap.value);
    if (!Number.isInteger(maxConcurrentRequests) || maxConcurrentRequests < 1) {
      throw new ConfigError(
        `${cap.source} must be a whole number of at least 1, got ${JSON.stringify(cap.value)}`,
        ErrorCode.ConfigInvalidConcurrency,
      );
    }
  }
  return { apiKey, ...resolveProfile(stackConfig), maxConcurrentRequests };
}

/** What `configure` saw, copied out of the engine's config object. */
let configured: Partial<Record<(typeof KEYS)[number], string>> | undefined;

/** The stored values as a StackConfig (undefined before `configure`: env variables only). */
function stored(): StackConfig | undefined {
  const values = configured;
  return values && { get: (key) => values[key.replace(/^elevenlabs:/, "") as (typeof KEYS)[number]] };
}

/**
 * Called from the dynamic provider's `configure(req)`. Copies the values SYNCHRONOUSLY: the
 * host caches the provider before awaiting `configure`, so a create may run right after this
 * returns. Nothing is validated here, so a stack without a key can still run `preview` of
 * resources that need no API call; the error comes with the first call.
 */
export function configure(stackConfig: StackConfig): void {
  configured = Object.fromEntries(KEYS.map((k) => [k, nonEmpty(stackConfig.get(`elevenlabs:${k}`))]));
}

/** The configured stack's key, base URL and profile (stack config, else environment), read at call time. */
export function configuredProviderConfig(): ProviderConfig {
  return resolveProviderConfig(stored());
}

/** The profile of the configured stack: `check` validates inputs against its models. */
export function configuredProfile(): ProfileName {
  return resolveProfile(stored()).profile;
}

const announced = new Set<string>();

/** The client for the configured stack. Config is read at call time, never captured into serialized code. */
export function clientFromConfig(): ElevenLabsClient {
  const config = configuredProviderConfig();
  const client = getClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    profile: config.profile,
    maxConcurrency: config.maxConcurrentRequests,
  });
  // Once per provider process and base URL, with the first API call (a no-op preview stays silent).
  const line = `pulumi-elevenlabs: speaking the "${config.profile}" API profile to ${config.baseUrl} (${config.profileSource})`;
  if (!announced.has(line)) {
    announced.add(line);
    console.log(line);
  }
  return client;
}
