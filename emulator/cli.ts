#!/usr/bin/env node
// First: on an unsupported Node this exits with one line before a dependency crashes obscurely.
import "../provider/node-version";
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import { PROFILES, type ProfileName } from "./profiles/index";

const USAGE = `usage: elevenlabs-emulator [--profile seed|live] [--port N] [--host H] [--data-dir DIR] [--api-key KEY]
                           [--rate-limit N] [--max-concurrent-requests N] [--kb-delay-ms N]
                           [--test-endpoints] [--quiet]`;

const PROFILE_HINTS: Record<ProfileName, (url: string) => string> = {
  seed: (url) => `serving the seed API profile (the contract): pulumi config set elevenlabs:baseUrl ${url}`,
  live: (url) =>
    `serving the live API profile: pulumi config set elevenlabs:baseUrl ${url} && pulumi config set elevenlabs:apiProfile live`,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "data-dir": { type: "string" },
      "api-key": { type: "string" },
      profile: { type: "string", default: "seed" },
      "rate-limit": { type: "string" },
      "max-concurrent-requests": { type: "string", default: "0" },
      "kb-delay-ms": { type: "string" },
      "test-endpoints": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const profile = values.profile;
  if (!(PROFILES as readonly string[]).includes(profile)) {
    process.stderr.write(`--profile must be ${PROFILES.join(" or ")}\n${USAGE}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    profile: profile as ProfileName,
    port: integer(values.port, "--port"),
    host: values.host,
    dataDir: values["data-dir"],
    apiKey: values["api-key"] ?? process.env.ELEVENLABS_API_KEY ?? "test-key",
    // Absent: the profile's default (100/min in seed, none in live).
    rateLimit: values["rate-limit"] === undefined ? undefined : integer(values["rate-limit"], "--rate-limit"),
    maxConcurrentRequests: integer(values["max-concurrent-requests"], "--max-concurrent-requests"),
    kbProcessingDelayMs:
      values["kb-delay-ms"] === undefined ? undefined : integer(values["kb-delay-ms"], "--kb-delay-ms"),
    testEndpoints: values["test-endpoints"],
    // Request lines go to stderr so stdout stays "listening on …" and nothing else.
    log: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`listening on ${emulator.url}\n`);
  // The provider picks "seed" for any host but the vendor's: a newcomer needs to hear the setting.
  if (!values.quiet) process.stderr.write(`${PROFILE_HINTS[profile as ProfileName](emulator.url)}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function integer(value: string | undefined, flag: string): number {
  if (value === undefined || !/^\d+$/.test(value)) {
    process.stderr.write(`${flag} must be a non-negative integer\n${USAGE}\n`);
    process.exit(2);
  }
  return Number(value);
}

main().catch((error: unknown) => {
  process.stderr.write(`elevenlabs-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
