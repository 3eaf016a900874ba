#!/usr/bin/env node
// First: on an unsupported Node this exits with one line before a dependency crashes obscurely.
import "../../provider/node-version";

import { type Command, type CommandIo, USAGE_ERROR } from "./command";

/**
 * `pulumi-elevenlabs <command>`: one row per command, each loaded only when run, so one command's
 * dependencies never slow another down. A command gets its own arguments and answers the exit
 * code: 0 success, 1 the command's own failure (a failed test), 2 a usage error.
 */
export const COMMANDS: Record<string, Command> = {
  test: {
    summary: "run a conversation smoke test script against an agent (test --script smoke.yaml)",
    load: () => import("./test.js"),
  },
  pull: {
    summary: "write a workspace's objects as YAML definitions (pull --out <dir>)",
    load: () => import("./pull.js"),
  },
};

const USAGE = `usage: pulumi-elevenlabs <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join("\n")}

Run \`pulumi-elevenlabs <command> --help\` for a command's options.`;

/** Runs `argv` (without node and the script); answers the exit code. */
export async function main(
  argv: string[],
  io: CommandIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.err : io.out).write(`${USAGE}\n`);
    return name === undefined ? USAGE_ERROR : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err.write(`pulumi-elevenlabs: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  return (await command.load()).main(rest, io);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`pulumi-elevenlabs: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
