/** What every subcommand of `pulumi-elevenlabs` is: a summary and a module with `main(argv, io) → exit code`. */
export interface Output {
  write(text: string): unknown;
}

export interface CommandIo {
  out: Output;
  err: Output & { isTTY?: boolean };
}

export interface Command {
  summary: string;
  load(): Promise<{ main(argv: string[], io: CommandIo): Promise<number> }>;
}

/** Exit code of a usage error (bad options, an invalid script); 1 is the command's own failure. */
export const USAGE_ERROR = 2;
