/**
 * Handlers are driven directly against a real emulator over real sockets: start it, point the
 * provider's config at it, and give tests raw API access (to edit out of band and inspect).
 */
import type { dynamic } from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { configure, getClient, type ProfileName } from "../../../provider";
import { TestEmulator } from "../../support/test-emulator";
import { FAST } from "../client/local-server";

type Json = Record<string, any>;

/**
 * Registers hooks that start an emulator before the file's tests, point the provider at it and
 * close it after; faults are cleared before each test. Read `ctx.emulator` inside tests.
 */
export function useEmulator(profile: ProfileName = "seed") {
  const ctx = {} as { emulator: TestEmulator };
  beforeAll(async () => {
    const emulator = await TestEmulator.start({ profile });
    ctx.emulator = emulator;
    const config: Record<string, string> = {
      "elevenlabs:apiKey": emulator.apiKey,
      "elevenlabs:baseUrl": emulator.baseUrl,
      "elevenlabs:apiProfile": profile,
    };
    configure({ get: (k) => config[k] });
    // The process-wide client the handlers will use is created here first, with test-speed
    // backoff (getClient keeps the options of its first call): same retry logic, shorter waits.
    getClient({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, profile, ...FAST });
  });
  beforeEach(async () => {
    await ctx.emulator?.clearFaults();
  });
  afterAll(async () => {
    await ctx.emulator?.close();
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
