import { afterAll, beforeAll } from "vitest";
import { startEmulator } from "../../../emulator";
import type { FaultConfig } from "../../../emulator/faults";
import type { StatsSnapshot } from "../../../emulator/stats";
import { type ClientOptions, ElevenLabsClient } from "../../../provider/client/client";
import { FAST } from "./local-server";

/** The emulator with its test endpoints, plus typed helpers for stats and faults. */
export async function startTestEmulator(options: { apiKey?: string; rateLimit?: number } = {}) {
  const emulator = await startEmulator({ port: 0, testEndpoints: true, rateLimit: 0, ...options });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { "content-type": "application/json", "xi-api-key": emulator.apiKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    ...emulator,
    stats: (): Promise<StatsSnapshot> => call("GET", "/_emulator/stats"),
    resetStats: () => call("POST", "/_emulator/stats/reset"),
    setFaults: (faults: FaultConfig) => call("PUT", "/_emulator/faults", faults),
    clearFaults: () => call("DELETE", "/_emulator/faults"),
    seedConversation: (conversation: Record<string, unknown>) => call("POST", "/_emulator/conversations", conversation),
  };
}

export type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;

/**
 * Registers hooks that start an emulator and a client for it before the file's tests and
 * close both after; read `ctx.emulator` / `ctx.client` inside tests.
 */
export function useEmulatorClient(
  clientOptions: Partial<ClientOptions> = {},
  emulatorOptions: { apiKey?: string; rateLimit?: number } = {},
) {
  const ctx = {} as { emulator: TestEmulator; client: ElevenLabsClient };
  beforeAll(async () => {
    ctx.emulator = await startTestEmulator(emulatorOptions);
    ctx.client = new ElevenLabsClient({
      apiKey: ctx.emulator.apiKey,
      baseUrl: ctx.emulator.baseUrl,
      ...FAST,
      ...clientOptions,
    });
  });
  afterAll(async () => {
    await ctx.client?.close();
    await ctx.emulator?.close();
  });
  return ctx;
}
