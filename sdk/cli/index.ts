#!/usr/bin/env node
// First: on an unsupported Node this exits with one line before a dependency crashes obscurely.
import "../../provider/node-version";

/**
 * `pulumi-elevenlabs <command>`: one row per command, each loaded only when run. A command gets
 * its own arguments and answers the exit code.
 */
export interface Command {
  summary: string;
  load(): Promise<{ main(argv: string[], io: { out: Output; err: Output }): Promise<number> }>;
}

export const COMMANDS: Record<string, Command> = {
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

export interface Output {
  write(text: string): unknown;
}

/** Runs `argv` (without node and the script); answers the exit code. */
export async function main(
  argv: string[],
  io: { out: Output; err: Output } = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.err : io.out).write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err.write(`pulumi-elevenlabs: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`);
    return 2;
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
