/**
 * Problems in YAML workspace definitions. The loader collects every problem of every file before
 * it throws, so one run shows all of them, each at `file:line:column` with the field path.
 */
import { ElevenLabsError, ErrorCode } from "../../provider/errors";

export interface Problem {
  /** The file as given to the loader (relative to the working directory when inside it). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The field path in the file's own spelling, e.g. `spec.conversation_config.tts.voice_settings.stability`; "" for the file itself. */
  path: string;
  reason: string;
}

export const formatProblem = (p: Problem) =>
  `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ""}${p.reason}`;

/** Sorted by file, then position, so the report reads top to bottom and is the same on every run. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.path.localeCompare(b.path),
  );
}

export class WorkspaceDefinitionError extends ElevenLabsError {
  override name = "WorkspaceDefinitionError";
  /** Pulumi prints a RunError's message alone, without the program's stack trace (see @pulumi/pulumi errors.js). */
  readonly __pulumiRunError = true;
  readonly problems: Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = sortProblems(problems);
    const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
    super(
      `workspace definitions: ${count}, nothing was deployed:\n${sorted.map((p) => `  ${formatProblem(p)}`).join("\n")}`,
      ErrorCode.InvalidDefinitions,
    );
    this.problems = sorted;
  }
}
