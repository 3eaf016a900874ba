import type { TestEmulator } from "../../support/test-emulator";

/** Pulumi program preamble: the provider reads these from stack config, as a user's stack would. */
export async function pointStackAt(
  project: { setConfig(k: string, v: string, o?: { secret?: boolean }): Promise<void> },
  emu: TestEmulator,
) {
  await project.setConfig("elevenlabs:baseUrl", emu.baseUrl);
  await project.setConfig("elevenlabs:apiKey", emu.apiKey, { secret: true });
}
