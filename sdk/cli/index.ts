#!/usr/bin/env node
/**
 * `pulumi-elevenlabs <command> [options]`: the package's command line. Each command is a module
 * with `run(argv) → exit code` and a one-line summary; add one by adding a row to COMMANDS.
 * Exit codes: 0 success, 1 the command's own failure (a failed test), 2 a usage error.
 */
import "../../provider/node-version";

import { type Command, USAGE_ERROR } from "./command";

/** Loaded on use, so one command's dependencies never slow another down. */
const COMMANDS: Record<string, () => Command> = {
  test: () => (require("./test") as typeof import("./test")).testCommand,
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, load]) => `  ${name.padEnd(8)} ${load().summary}`);
  return `usage: pulumi-elevenlabs <command> [options]\n\ncommands:\n${rows.join("\n")}\n\nRun pulumi-elevenlabs <command> --help for its options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    (name ? process.stdout : process.stderr).write(`${usage()}\n`);
    return name ? 0 : USAGE_ERROR;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`pulumi-elevenlabs: unknown command "${name}"\n${usage()}\n`);
    return USAGE_ERROR;
  }
  return load().run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`pulumi-elevenlabs: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
