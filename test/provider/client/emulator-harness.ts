import { afterAll, beforeAll } from "vitest";
import type { EmulatorOptions } from "../../../emulator";
import { type ClientOptions, ElevenLabsClient } from "../../../provider/client/client";
import { TestEmulator } from "../../support/test-emulator";
import { FAST } from "./local-server";

/**
 * Registers hooks that start an emulator and a client for it before the file's tests and
 * close both after; read `ctx.emulator` / `ctx.client` inside tests.
 */
export function useEmulatorClient(clientOptions: Partial<ClientOptions> = {}, emulatorOptions: EmulatorOptions = {}) {
  const ctx = {} as { emulator: TestEmulator; client: ElevenLabsClient };
  beforeAll(async () => {
    ctx.emulator = await TestEmulator.start(emulatorOptions);
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
