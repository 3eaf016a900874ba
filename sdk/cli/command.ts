/** What every subcommand of `pulumi-elevenlabs` is: a summary and `run(argv) → exit code`. */
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Exit code of a usage error (bad options, an invalid script); 1 is the command's own failure. */
export const USAGE_ERROR = 2;
