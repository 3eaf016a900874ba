import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { type ConversationSmokeTestInputs, conversationSmokeTestModel } from "../models/conversation-smoke-test";
import { type CheckFailure, UNKNOWN, validate } from "../models/validate";

/** A script problem: the path (`steps[2].expectToolCall.parameters.city`) and a human reason. */
export interface ScriptProblem extends CheckFailure {
  /** `line:column` in the YAML file, when the script came from one. */
  at?: string;
}

/** A script as the resource takes it (its run settings included: the CLI reads the same shape). */
export type ScriptParse = { ok: true; script: ConversationSmokeTestInputs } | { ok: false; problems: ScriptProblem[] };

/** Validates a script given as an object (the resource's inputs, parsed YAML). */
export function parseScript(input: unknown): ScriptParse {
  const result = validate(conversationSmokeTestModel, input, "the smoke-test script");
  return result.ok ? { ok: true, script: result.data } : { ok: false, problems: result.failures };
}

/** `a.b[2].c` → ["a", "b", 2, "c"] */
function pathSegments(property: string): (string | number)[] {
  return [...property.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] as string),
  );
}

/**
 * A YAML script (the CLI's), read with the `yaml` document API so every problem carries the
 * line and column of the node it is about; `extra` (e.g. the CLI's `--agent`) fills in keys.
 */
export function parseYamlScript(text: string, extra: Record<string, unknown> = {}): ScriptParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${line}:${col}`;
  };
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        property: "",
        reason: e.message.split("\n")[0] as string,
        at: where(e.pos[0]),
      })),
    };
  const value = doc.toJS() ?? {};
  if (typeof value !== "object" || Array.isArray(value))
    return { ok: false, problems: [{ property: "", reason: "a script is a mapping (agentId, steps, …)", at: "1:1" }] };
  const parsed = parseScript({
    ...value,
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
  });
  if (parsed.ok) return parsed;
  return {
    ok: false,
    problems: parsed.problems.map((p) => {
      // The nearest node that exists: a missing key is reported where its parent is.
      const path = pathSegments(p.property);
      for (let n = path.length; n >= 0; n--) {
        const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as { range?: number[] } | undefined;
        if (node?.range) return { ...p, at: where(node.range[0] as number) };
      }
      return p;
    }),
  };
}

/** One problem per line: `smoke.yaml:7:15 steps[1].expectToolCall.parameters.city: give one of exact, regex, any`. */
export function formatProblems(problems: ScriptProblem[], file?: string): string {
  return problems
    .map(
      (p) =>
        `${[file, p.at].filter(Boolean).join(":")}${file || p.at ? " " : ""}${p.property ? `${p.property}: ` : ""}${p.reason}`,
    )
    .join("\n");
}

/**
 * The sha256 of every `audio:` file of the script, by path: the test re-runs when a file's bytes
 * change. Unreadable files are problems at their step's path.
 */
export function hashAudioFiles(
  steps: readonly { audio?: string }[],
  baseDir = process.cwd(),
): { hashes: Record<string, string>; problems: CheckFailure[] } {
  const hashes: Record<string, string> = {};
  const problems: CheckFailure[] = [];
  steps.forEach((step, i) => {
    const path = step.audio;
    if (typeof path !== "string" || path === UNKNOWN) return;
    try {
      hashes[path] = createHash("sha256")
        .update(readFileSync(resolve(baseDir, path)))
        .digest("hex");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      problems.push({ property: `steps[${i}].audio`, reason: `cannot read ${JSON.stringify(path)}: ${code}` });
    }
  });
  return { hashes, problems };
}
