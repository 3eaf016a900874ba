import { type ElevenLabsClient, getClient } from "./client/client";
import { ConfigError, ErrorCode } from "./errors";

export interface ProviderConfig {
  apiKey: string;
  baseUrl: string;
}

/** Reads full config keys such as `elevenlabs:apiKey` (the shape of the dynamic provider's `configure` config). */
export interface StackConfig {
  get(key: string): string | undefined;
}

export const DEFAULT_BASE_URL = "https://api.elevenlabs.io/v1/convai";

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Stack config first (`elevenlabs:apiKey` secret, `elevenlabs:baseUrl`), then env ELEVENLABS_API_KEY / ELEVENLABS_BASE_URL. */
export function resolveProviderConfig(stackConfig?: StackConfig): ProviderConfig {
  const apiKey = nonEmpty(stackConfig?.get("elevenlabs:apiKey")) ?? nonEmpty(process.env.ELEVENLABS_API_KEY);
  if (!apiKey) {
    throw new ConfigError(
      "No ElevenLabs API key: set it with `pulumi config set --secret elevenlabs:apiKey <key>` " +
        "or in the ELEVENLABS_API_KEY environment variable",
      ErrorCode.ConfigMissingApiKey,
    );
  }
  const baseUrl =
    nonEmpty(stackConfig?.get("elevenlabs:baseUrl")) ?? nonEmpty(process.env.ELEVENLABS_BASE_URL) ?? DEFAULT_BASE_URL;
  return { apiKey, baseUrl: baseUrl.replace(/\/+$/, "") };
}

/** What `configure` saw, copied out of the engine's config object. */
let configured: { apiKey?: string; baseUrl?: string } | undefined;

/**
 * Called from the dynamic provider's `configure(req)`. Copies the values SYNCHRONOUSLY: the
 * host caches the provider before awaiting `configure`, so a create may run right after this
 * returns. Nothing is validated here, so a stack without a key can still run `preview` of
 * resources that need no API call; the error comes with the first call.
 */
export function configure(stackConfig: StackConfig): void {
  configured = {
    apiKey: nonEmpty(stackConfig.get("elevenlabs:apiKey")),
    baseUrl: nonEmpty(stackConfig.get("elevenlabs:baseUrl")),
  };
}

/** The configured stack's key and base URL (stack config, else environment), read at call time. */
export function configuredProviderConfig(): ProviderConfig {
  const stored = configured;
  return resolveProviderConfig(
    stored && {
      get: (key) =>
        key === "elevenlabs:apiKey" ? stored.apiKey : key === "elevenlabs:baseUrl" ? stored.baseUrl : undefined,
    },
  );
}

/** The client for the configured stack. Config is read at call time, never captured into serialized code. */
export function clientFromConfig(): ElevenLabsClient {
  return getClient(configuredProviderConfig());
}
