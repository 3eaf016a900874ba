/**
 * Loads a directory of YAML definitions — one object per file: `kind`, `name`, optional
 * `adopt_id`, and `spec` in the API's own field names and the shapes of the stack's API profile
 * (decoded by the kind's codec of that profile) — into validated resource inputs, in
 * dependency order. Every file is checked against its kind's zod model and every problem of every
 * file is collected before anything is thrown, each at `file:line:column` with its field path.
 * No API call, no Pulumi call: the component decides what to do with the result.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { z } from "zod";
import { toCamelKey, toSnakeKey } from "../../provider/codec/case";
import { isPlainObject, type JsonObject, omit, stripUndefined } from "../../provider/diff/json";
import { ElevenLabsError, ErrorCode } from "../../provider/errors";
import { BOOKKEEPING_KEYS } from "../../provider/models/spec";
import { validate } from "../../provider/models/validate";
import { type Problem, WorkspaceDefinitionError } from "./errors";
import {
  FILE_KIND_NAMES,
  FILE_KINDS,
  type FileKind,
  type FileKindRow,
  fileRoot,
  isFileKind,
  kindModelOf,
  type Profile,
} from "./kinds";
import { applyMergePatch } from "./overlays";
import { dependencyOrder, findRefs, formatRef, type Reference } from "./references";
import { decodeState, extractSecrets, secretSlots } from "./secrets";
import { type FieldPath, filePathOf, formatFieldPath, locate, readSource, type SourceFile } from "./source";

/** A definition's `name:`: what references and `pull` use, and part of the Pulumi resource name. */
export const DEFINITION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The parts of a file around its spec. */
export const envelopeModel = z.strictObject({
  kind: z.enum(FILE_KIND_NAMES as [FileKind, ...FileKind[]]).describe("What the file defines."),
  name: z
    .string()
    .regex(DEFINITION_NAME, { error: "expected letters, digits, '.', '_' and '-', starting with a letter or digit" })
    .describe("The definition's name: unique per kind; other files refer to it as ref:<kind>/<name>."),
  adopt_id: z
    .string()
    .min(1)
    .optional()
    .describe("Id of an existing object to take over on the first `up` instead of creating one (written by `pull`)."),
  spec: z
    .record(z.string(), z.unknown(), { error: "expected a map of the object's fields" })
    .describe("The object, in the API's own field names (snake_case)."),
});

export interface LoadOptions {
  /** The definitions directory: every `*.yaml` / `*.yml` below it, except hidden ones and the overlays. */
  directory: string;
  /** The directory with one directory of overlay files per stack. */
  overlays?: string;
  /** Whose overlays apply. */
  stack?: string;
  /** The API shapes the files are written in. @default "seed" */
  profile?: Profile;
  /** Whether a Pulumi config key is set; when given, each secret's key must be. */
  hasConfig?: (key: string) => boolean;
}

export interface Definition {
  kind: FileKind;
  name: string;
  /** The file (its overlay's when there is no base), as problems show it. */
  file: string;
  adoptId?: string;
  /** Resource inputs (model form); references are still `ref:` strings, secrets placeholders. */
  inputs: JsonObject;
  references: Reference[];
}

/** The definitions, each after the ones it refers to; throws {@link WorkspaceDefinitionError} listing every problem. */
export function loadDefinitions(options: LoadOptions): Definition[] {
  const problems: Problem[] = [];
  const definitions: (Definition & { sources: SourceFile[] })[] = [];
  for (const file of definitionFiles(options)) {
    const loaded = loadFile(file, options, problems);
    if (loaded) definitions.push(loaded);
  }
  crossCheck(definitions, problems);
  if (problems.length > 0) throw new WorkspaceDefinitionError(problems);
  const byKey = new Map(definitions.map((d) => [formatRef(d.kind, d.name), d]));
  const { order } = dependencyOrder(
    definitions.map((d) => ({
      key: formatRef(d.kind, d.name),
      dependsOn: d.references.map((r) => formatRef(r.kind, r.name)),
    })),
  );
  return order.map((key) => {
    const { sources: _, ...definition } = byKey.get(key) as Definition & { sources: SourceFile[] };
    return definition;
  });
}

interface DefinitionFile {
  base?: { abs: string; shown: string };
  overlay?: { abs: string; shown: string };
}

const shown = (abs: string) => {
  const rel = relative(process.cwd(), abs);
  return rel.startsWith("..") || rel === "" ? abs : rel;
};

function yamlFilesUnder(dir: string, skip: string | undefined): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((rel) => /\.ya?ml$/.test(rel) && !rel.split(sep).some((part) => part.startsWith(".")))
    .filter((rel) => !skip || !resolve(dir, rel).startsWith(skip + sep))
    .filter((rel) => statSync(join(dir, rel)).isFile())
    .sort();
}

function definitionFiles({ directory, overlays, stack }: LoadOptions): DefinitionFile[] {
  const dir = resolve(directory);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ElevenLabsError(
      `definitions directory ${JSON.stringify(directory)} does not exist`,
      ErrorCode.InvalidArgument,
    );
  }
  const overlayRoot = overlays ? resolve(overlays) : undefined;
  const stackDir = overlayRoot && stack ? join(overlayRoot, stack) : undefined;
  const files = new Map<string, DefinitionFile>();
  for (const rel of yamlFilesUnder(dir, overlayRoot)) files.set(rel, { base: at(join(dir, rel)) });
  for (const rel of stackDir ? yamlFilesUnder(stackDir, undefined) : []) {
    files.set(rel, { ...files.get(rel), overlay: at(join(stackDir as string, rel)) });
  }
  return [...files.keys()].sort().map((rel) => files.get(rel) as DefinitionFile);
}

const at = (abs: string) => ({ abs, shown: shown(abs) });

function loadFile(
  file: DefinitionFile,
  options: LoadOptions,
  problems: Problem[],
): (Definition & { sources: SourceFile[] }) | undefined {
  const sources: SourceFile[] = [];
  let parsed = true;
  for (const part of [file.overlay, file.base]) {
    if (!part) continue;
    const read = readSource(part.abs, part.shown);
    problems.push(...read.problems);
    parsed &&= read.problems.length === 0;
    sources.push(read.source);
  }
  if (!parsed) return undefined;
  const [first, second] = sources as [SourceFile, SourceFile | undefined];
  const value = second ? applyMergePatch(second.value, first.value) : first.value;
  const report = (path: FieldPath, reason: string) =>
    problems.push({ ...locate(sources, path), path: formatFieldPath(path), reason });

  const envelope = validate(envelopeModel, value ?? {}, "a definition file");
  if (!envelope.ok) {
    for (const f of envelope.failures) report(f.property ? f.property.split(".") : [], f.reason);
    return undefined;
  }
  const { kind, name, adopt_id: adoptId, spec } = envelope.data;
  const profile = options.profile ?? "seed";
  const found = kindModelOf(kind, profile);
  if ("reason" in found) {
    report(["kind"], `the ${profile} API profile has no ${kind}: ${found.reason}`);
    return undefined;
  }
  const km = found;
  const specProblem = (path: FieldPath, reason: string) => report(["spec", ...path], reason);

  if (adoptId !== undefined && km.row.singleton)
    report(["adopt_id"], `a ${kind} is one per workspace: there is nothing to adopt, leave adopt_id out`);
  if (adoptId !== undefined && km.row.triggeredByReferences)
    report(["adopt_id"], `a ${kind} is not an API object: there is nothing to adopt, leave adopt_id out`);
  for (const key of Object.keys(spec)) {
    const model = toCamelKey(key);
    if ((BOOKKEEPING_KEYS as readonly string[]).includes(model))
      specProblem(
        [key],
        `is not part of the spec${model === "adoptId" ? ": write adopt_id at the top level of the file" : ""}`,
      );
    else if (km.row.derived?.includes(model)) specProblem([key], "is computed by the provider; leave it out");
  }

  const secrets = extractSecrets(spec, secretSlots(km));
  for (const p of secrets.problems) specProblem(p.path, p.reason);
  if (options.hasConfig) {
    for (const { key, path } of secrets.keys) {
      if (!options.hasConfig(key))
        specProblem(path, `config key ${JSON.stringify(key)} is not set: pulumi config set --secret ${key} <value>`);
    }
  }

  // Server-set fields a codec adds on its own (the live settings' fixed id) are no input.
  const decoded = omit(
    km.codec.decode(secrets.spec, decodeState(secrets.keys)),
    km.rules.serverSet.filter((field) => !(toSnakeKey(field) in spec)),
  );
  for (const field of km.row.localPaths ?? []) {
    const local = decoded[field];
    if (typeof local !== "string") continue;
    const path = filePathOf(spec, [field]);
    const setter = sources.find(
      (s) => isPlainObject(s.value) && isPlainObject(s.value.spec) && String(path[0]) in s.value.spec,
    );
    const abs = resolve(dirname(setter?.file ? resolve(setter.file) : "."), local);
    if (!existsSync(abs))
      specProblem(path, `cannot read ${JSON.stringify(local)} (resolved against the file: ${shown(abs)})`);
    decoded[field] = shown(abs);
  }
  const adoptable = !km.row.singleton && !km.row.triggeredByReferences;
  const inputs = stripUndefined({ ...decoded, adoptId: adoptable ? adoptId : undefined });
  const { secretOutputs, secretPaths = [] } = km.rules;
  const checked = validate(km.model, inputs, kind, [...secretOutputs, ...secretPaths]);
  if (!checked.ok) {
    for (const f of checked.failures) {
      const parsed = f.property === "" ? [] : parseModelPath(f.property);
      // A spec that is one field of the model (the live settings, flat on the wire) has no such key.
      const modelPath = parsed.slice(fileRoot(km).length);
      specProblem(filePathOf(spec, modelPath), inFileTerms(f.reason, km.row.resource, kind));
    }
  }
  // Returned even with problems in its spec: the cross-file checks still count it as defined.
  return {
    kind,
    name,
    file: (file.base ?? file.overlay)?.shown as string,
    adoptId,
    inputs,
    references: findRefs(spec),
    sources,
  };
}

/** `a.b[0].c` back into segments. */
function parseModelPath(property: string): (string | number)[] {
  return property
    .split(/\.|(?=\[)/)
    .filter((s) => s !== "")
    .map((s) => (/^\[\d+\]$/.test(s) ? Number(s.slice(1, -1)) : s));
}

/** Validation speaks of the model (`Agent`, camelCase suggestions); a file speaks of its kind and the API's names. */
function inFileTerms(reason: string, resource: string, kind: string): string {
  return reason
    .replace(`is not a property of ${resource}`, `is not a property of ${kind}`)
    .replace(/did you mean (\w+)\?/, (_, key: string) => `did you mean ${toSnakeKey(key)}?`);
}

function crossCheck(definitions: (Definition & { sources: SourceFile[] })[], problems: Problem[]): void {
  const report = (d: { sources: SourceFile[] }, path: FieldPath, reason: string) =>
    problems.push({ ...locate(d.sources, path), path: formatFieldPath(path), reason });
  const seen = new Map<string, Definition>();
  const singletons = new Map<string, Definition>();
  for (const d of definitions) {
    const key = formatRef(d.kind, d.name);
    const first = seen.get(key);
    if (first) report(d, ["name"], `${d.kind} ${JSON.stringify(d.name)} is already defined in ${first.file}`);
    else seen.set(key, d);
    if ((FILE_KINDS[d.kind] as FileKindRow).singleton) {
      const one = singletons.get(d.kind);
      if (one) report(d, ["kind"], `a workspace has one ${d.kind}; it is already defined in ${one.file}`);
      else singletons.set(d.kind, d);
    }
  }
  for (const d of definitions) {
    for (const ref of d.references) {
      const path = ["spec", ...ref.path];
      if (!isFileKind(ref.kind))
        report(d, path, `refers to kind ${JSON.stringify(ref.kind)}; kinds: ${FILE_KIND_NAMES.join(", ")}`);
      else if (!seen.has(formatRef(ref.kind, ref.name)))
        report(d, path, `refers to ${ref.kind} ${JSON.stringify(ref.name)}, which no file defines`);
    }
  }
  const byKey = new Map(definitions.map((d) => [formatRef(d.kind, d.name), d]));
  const { cycles } = dependencyOrder(
    definitions.map((d) => ({
      key: formatRef(d.kind, d.name),
      dependsOn: d.references.map((r) => formatRef(r.kind, r.name)),
    })),
  );
  for (const cycle of cycles) {
    const d = byKey.get(cycle[0] as string) as (typeof definitions)[number];
    const ref = d.references.find((r) => formatRef(r.kind, r.name) === (cycle[1] ?? cycle[0]));
    report(d, ["spec", ...(ref?.path ?? [])], `references go round in a circle: ${[...cycle, cycle[0]].join(" -> ")}`);
  }
}
