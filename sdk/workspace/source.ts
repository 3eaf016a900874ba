/**
 * One YAML file as the loader reads it: parsed with the `yaml` package's document API, so every
 * value keeps its position, and a way back from a field path to `line:column`.
 */
import { readFileSync } from "node:fs";
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { toCamelKey } from "../../provider/codec/case";
import { isPlainObject } from "../../provider/diff/json";
import type { Problem } from "./errors";

export type FieldPath = (string | number)[];

export interface SourceFile {
  /** As shown in problems. */
  file: string;
  /** The document's plain value (undefined when the file does not parse). */
  value: unknown;
  root: Node | null;
  lines: LineCounter;
}

/** Parses `absPath`; YAML errors (syntax, duplicate keys, several documents) become problems. */
export function readSource(absPath: string, file: string): { source: SourceFile; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(absPath, "utf8"), { lineCounter: lines, prettyErrors: false });
  const problems = doc.errors.map((error): Problem => {
    const { line, col } = lines.linePos(error.pos[0]);
    return { file, line, column: col, path: "", reason: error.message.split("\n")[0] ?? error.message };
  });
  const source: SourceFile = {
    file,
    value: problems.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined,
    root: doc.contents as Node | null,
    lines,
  };
  return { source, problems };
}

/** `a.b[0].c` */
export function formatFieldPath(path: FieldPath): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    "",
  );
}

/** Where the field at `path` is written: its key for a map entry, the item for a list entry. */
function position(source: SourceFile, path: FieldPath): { found: number; offset: number } {
  let node: unknown = source.root;
  let offset = (source.root?.range?.[0] as number | undefined) ?? 0;
  let found = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === seg);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg]) {
      node = node.items[seg];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
    found++;
  }
  return { found, offset };
}

/**
 * The position of `path` among `sources` (an overlay before its base): the first source that
 * holds the whole path, else the one that holds most of it (a missing field is reported at the
 * object that lacks it).
 */
export function locate(sources: readonly SourceFile[], path: FieldPath): Pick<Problem, "file" | "line" | "column"> {
  let best: { source: SourceFile; found: number; offset: number } | undefined;
  for (const source of sources) {
    const at = position(source, path);
    if (at.found === path.length) {
      best = { source, ...at };
      break;
    }
    if (!best || at.found > best.found) best = { source, ...at };
  }
  const source = best?.source ?? (sources[0] as SourceFile);
  const { line, col } = source.lines.linePos(best?.offset ?? 0);
  return { file: source.file, line, column: col };
}

/**
 * A model path (camelCase, as zod reports it) as the file spells it: each key is the file's own
 * key that decodes to it. Past a key the file lacks (a required field), the rest is the API's
 * snake_case spelling.
 */
export function filePathOf(value: unknown, modelPath: readonly PropertyKey[]): FieldPath {
  const out: FieldPath = [];
  let current: unknown = value;
  for (const seg of modelPath) {
    if (typeof seg === "number") {
      out.push(seg);
      current = Array.isArray(current) ? current[seg] : undefined;
      continue;
    }
    const name = String(seg);
    const key = isPlainObject(current)
      ? (Object.keys(current).find((k) => k === name) ?? Object.keys(current).find((k) => toCamelKey(k) === name))
      : undefined;
    out.push(key ?? name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`));
    current = key !== undefined && isPlainObject(current) ? current[key] : undefined;
  }
  return out;
}
