/**
 * Handlers are driven directly against a real emulator over real sockets: start it, point the
 * provider's config at it, and give tests raw API access (to edit out of band and inspect).
 */
import type { dynamic } from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator } from "../../../emulator";
import type { FaultConfig } from "../../../emulator/faults";
import type { StatsSnapshot } from "../../../emulator/stats";
import { configure, getClient } from "../../../provider";
import { FAST } from "../client/local-server";

type Json = Record<string, any>;

export function useEmulator() {
  const ctx = {} as {
    url: string;
    apiKey: string;
    close(): Promise<void>;
    reset(): Promise<void>;
    /** A raw API call (path relative to /v1/convai); returns status and parsed body. */
    api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
    stats(): Promise<StatsSnapshot>;
    resetStats(): Promise<void>;
    setFaults(faults: FaultConfig): Promise<void>;
    clearFaults(): Promise<void>;
  };
  beforeAll(async () => {
    const emu = await startEmulator({ port: 0, testEndpoints: true, rateLimit: 0, kbProcessingDelayMs: 50 });
    const raw = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${emu.url}${path}`, {
        method,
        headers: { "content-type": "application/json", "xi-api-key": emu.apiKey },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    Object.assign(ctx, {
      url: emu.url,
      apiKey: emu.apiKey,
      close: emu.close,
      reset: emu.reset,
      api: (method: string, path: string, body?: unknown) => raw(method, `/v1/convai${path}`, body),
      stats: async () => (await raw("GET", "/_emulator/stats")).body,
      resetStats: async () => void (await raw("POST", "/_emulator/stats/reset")),
      setFaults: async (f: unknown) => {
        const res = await raw("PUT", "/_emulator/faults", f);
        if (res.status !== 200) throw new Error(`fault config refused: ${JSON.stringify(res.body)}`);
      },
      clearFaults: async () => void (await raw("DELETE", "/_emulator/faults")),
    });
    const config: Record<string, string> = { "elevenlabs:apiKey": emu.apiKey, "elevenlabs:baseUrl": emu.baseUrl };
    configure({ get: (k) => config[k] });
    // The process-wide client the handlers will use is created here first, with test-speed
    // backoff (getClient keeps the options of its first call): same retry logic, shorter waits.
    getClient({ apiKey: emu.apiKey, baseUrl: emu.baseUrl, ...FAST });
  });
  beforeEach(async () => {
    await ctx.clearFaults?.();
  });
  afterAll(async () => {
    await ctx.close?.();
  });
  return ctx;
}

/** What the engine does between steps: check the program's inputs, then use them. */
export async function checked(handler: dynamic.ResourceProvider, news: Json, olds: Json = {}): Promise<Json> {
  const result = await handler.check!(olds, news);
  if (result.failures?.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs;
}

/** Asserts no `undefined` anywhere (the engine rejects it: "Unexpected struct type"). */
export function hasUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(hasUndefined);
  if (typeof value === "object" && value !== null) return Object.values(value).some(hasUndefined);
  return false;
}

export const token = (label: string) => `${label}-${Math.random().toString(16).slice(2, 14)}`;
