import type { EmulatorOptions } from "../../../emulator/index";
import { TestEmulator } from "../../support/test-emulator";
import { PulumiProject } from "./pulumi-project";

/** Pulumi program preamble: the provider reads these from stack config, as a user's stack would. */
export async function pointStackAt(
  project: { setConfig(k: string, v: string, o?: { secret?: boolean }): Promise<void> },
  emu: TestEmulator,
) {
  await project.setConfig("elevenlabs:baseUrl", emu.baseUrl);
  await project.setConfig("elevenlabs:apiKey", emu.apiKey, { secret: true });
  // 127.0.0.1 defaults to the seed profile: a live emulator needs the stack to say so, as a user's would.
  if (emu.profile === "live") await project.setConfig("elevenlabs:apiProfile", "live");
}

/** An emulator started for the test and a throwaway project whose stack points at it. */
export async function startStack(name: string, program: string, options?: EmulatorOptions) {
  const emu = await TestEmulator.start(options);
  const project = await PulumiProject.create(name, program);
  await pointStackAt(project, emu);
  return { emu, project };
}
