/**
 * What `pull` writes: one definition file per object, `<dir>/<name>.yaml`, byte for byte the same
 * for the same objects. Names are the objects' names slugified, made unique per kind in id order;
 * server-set fields and bookkeeping are left out; secrets become config references; ids of pulled
 * objects become `ref:` references; `adopt_id` makes the first `up` take the object over.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Document } from "yaml";
import type { z } from "zod";
import { isOpaque, toCamelKey, toSnakeKey } from "../../provider/codec/case";
import { isPlainObject, type JsonObject, omit, pick } from "../../provider/diff/json";
import { BOOKKEEPING_KEYS, CREATION_TOKEN_METADATA_KEY } from "../../provider/models/spec";
import { unwrap } from "../../provider/models/typos";
import { type FileKind, fileRoot, type KindModel, kindModel, type Profile, schemaFileOf } from "./kinds";
import { PULLERS, type PulledObject } from "./pull";
import { formatRef } from "./references";
import { fieldAt, secretSlots } from "./secrets";

export interface SecretKey {
  /** The Pulumi config key the file refers to. */
  key: string;
  file: string;
  path: string;
}

/** A required field the API never returns (a live Twilio number's `sid`): to be written into the file by hand. */
export interface FieldToWrite {
  file: string;
  path: string;
  what: string;
}

export interface PulledFiles {
  /** Relative path -> content. */
  files: Record<string, string>;
  /** The config keys to set before `up`, one per secret. */
  secrets: SecretKey[];
  /** Fields to fill in before `up`. */
  toWrite: FieldToWrite[];
}

/** `Customer Support #2` -> `customer-support-2`. */
export function slugify(label: string, fallback: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? fallback : slug;
}

/** `weather-api-key`, `webhook-secret` -> `weatherApiKeyWebhookSecret`: a Pulumi config key. */
const configKey = (...parts: string[]) =>
  parts
    .join("-")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");

/** Definition names per object: unique per kind, the first in id order keeping the plain slug. */
function nameObjects(objects: readonly PulledObject[]): Map<PulledObject, string> {
  const names = new Map<PulledObject, string>();
  const agentNames = new Map<string, string>();
  const kinds = [...new Set(objects.map((o) => o.kind))];
  for (const kind of kinds) {
    const taken = new Set<string>();
    const ofKind = objects
      .filter((o) => o.kind === kind)
      .map((o) => {
        // A widget is its agent's: named after it.
        const label = kind === "widget" ? (agentNames.get(String(o.model.agentId)) ?? o.label) : o.label;
        return { o, slug: slugify(label, kind) };
      })
      .sort((a, b) => a.slug.localeCompare(b.slug) || a.o.id.localeCompare(b.o.id));
    for (const { o, slug } of ofKind) {
      let name = slug;
      for (let n = 2; taken.has(name); n++) name = `${slug}-${n}`;
      taken.add(name);
      names.set(o, name);
      if (kind === "agent") agentNames.set(o.id, name);
    }
  }
  return names;
}

const isStrict = (model: z.ZodType) => {
  const def = unwrap(model)._zod.def as { catchall?: z.ZodType };
  return def.catchall?._zod.def.type === "never";
};

/** The object's desired state: inputs only, secrets as references to `name`-derived config keys. */
function specOf(
  km: KindModel,
  model: JsonObject,
  name: string,
  secrets: { key: string; path: string }[],
  unused: readonly string[],
): JsonObject {
  const shape = Object.keys(km.model.shape);
  const dropped = [...km.rules.serverSet, ...BOOKKEEPING_KEYS, ...(km.row.derived ?? [])];
  let spec = omit(isStrict(km.model) ? pick(model, shape) : model, dropped);
  if (isPlainObject(spec.metadata) && CREATION_TOKEN_METADATA_KEY in spec.metadata) {
    const metadata = omit(spec.metadata, [CREATION_TOKEN_METADATA_KEY]);
    spec = Object.keys(metadata).length > 0 ? { ...spec, metadata } : omit(spec, ["metadata"]);
  }
  const slots = secretSlots(km);
  const ref = (path: string[], tail: string[], recordKey?: string) => {
    const key = configKey(name, ...tail);
    // As the file spells it: the slot's position, the record's own key verbatim.
    const slot = slots.find((sl) => sl.modelPath.join(".") === (recordKey ? [...path, "*"] : path).join("."));
    const filePath = (slot?.pattern ?? path.map(toSnakeKey)).map((part) => (part === "*" ? String(recordKey) : part));
    secrets.push({ key, path: `spec.${filePath.join(".")}` });
    return { value_from: { config: key } };
  };
  for (const path of [...km.rules.secretOutputs, ...(km.rules.secretPaths ?? [])]) {
    if (unused.includes(path)) continue;
    const parts = path.split(".");
    const field = fieldAt(km.model, parts);
    if (!field) continue; // server-set
    const head = parts[0] as string;
    if (unwrap(field)._zod.def.type === "record") {
      const tail = parts.length === 1 ? [] : parts.slice(-1);
      spec = setIn(spec, parts, (current) =>
        isPlainObject(current)
          ? Object.fromEntries(Object.keys(current).map((k) => [k, ref(parts, [...tail, k], k)]))
          : undefined,
      );
      continue;
    }
    const writeOnly = km.rules.writeOnly?.includes(head) ?? false;
    const tail = parts.length === 1 ? (head === "value" ? [] : [head]) : parts.slice(-2);
    spec = setIn(spec, parts, (current) => (current !== undefined || writeOnly ? ref(parts, tail) : undefined));
  }
  // Into the file's shape: the profile's API body (secret header references join the plain headers in live).
  return km.codec.encode(spec);
}

/** `value` with the field at `path` replaced by `update(current)`; nothing changes where `update` gives undefined. */
function setIn(value: JsonObject, path: readonly string[], update: (current: unknown) => unknown): JsonObject {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    const next = update(value[head]);
    return next === undefined ? value : { ...value, [head]: next };
  }
  if (!isPlainObject(value[head])) return value;
  return { ...value, [head]: setIn(value[head], rest, update) };
}

/** Strings equal to the id of a pulled object become references to its definition. */
function withRefs(value: unknown, refs: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return refs.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => withRefs(item, refs));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRefs(v, refs)]));
  return value;
}

/** Keys in the model's declaration order, then the others sorted; user maps sorted; lists as they are. */
function ordered(value: unknown, schema: z.ZodType | undefined, path: string[], opaque: readonly string[]): unknown {
  const def = schema && (unwrap(schema)._zod.def as { shape?: Record<string, z.ZodType>; element?: z.ZodType });
  if (Array.isArray(value)) return value.map((item) => ordered(item, def?.element, path, opaque));
  if (!isPlainObject(value)) return value;
  const verbatim = isOpaque(path, opaque) || path.some((_, i) => isOpaque(path.slice(0, i + 1), opaque));
  const declared = verbatim ? [] : Object.keys(def?.shape ?? {});
  const modelKey = (key: string) => (verbatim ? key : toCamelKey(key));
  const keys = Object.keys(value).sort((a, b) => {
    const [ia, ib] = [declared.indexOf(modelKey(a)), declared.indexOf(modelKey(b))];
    if (ia >= 0 || ib >= 0) return ia < 0 ? 1 : ib < 0 ? -1 : ia - ib;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.fromEntries(
    keys.map((key) => [
      key,
      ordered(value[key], verbatim ? undefined : def?.shape?.[modelKey(key)], [...path, modelKey(key)], opaque),
    ]),
  );
}

/** The package's root (where `schemas/` is), from the source tree or from dist/. */
function packageRoot(): string {
  let dir = __dirname;
  while (dirname(dir) !== dir) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "pulumi-elevenlabs") return dir;
    dir = dirname(dir);
  }
  return __dirname;
}

/** The definition files of `objects`, to be written under `outDir` (which the schema comments are relative to). */
export function pulledFiles(objects: readonly PulledObject[], outDir: string, profile: Profile = "seed"): PulledFiles {
  const names = nameObjects(objects);
  const refs = new Map<string, string>();
  for (const o of objects) {
    if (o.id && o.kind !== "widget") refs.set(o.id, formatRef(o.kind, names.get(o) as string));
  }
  const files: Record<string, string> = {};
  const secrets: SecretKey[] = [];
  const toWrite: FieldToWrite[] = [];
  const schemas = join(packageRoot(), "schemas");
  for (const o of objects) {
    const km = kindModel(o.kind, profile);
    const name = names.get(o) as string;
    const dir = PULLERS[o.kind]?.dir ?? o.kind;
    const file = `${dir}/${name}.yaml`;
    const found: { key: string; path: string }[] = [];
    const puller = PULLERS[o.kind];
    const unused = puller?.unusedSecrets?.(o.model) ?? [];
    const root = fileRoot(km);
    const spec = ordered(
      withRefs(specOf(km, o.model, name, found, unused), refs),
      km.fileModel,
      root,
      km.rules.opaqueMaps,
    );
    secrets.push(...found.map((s) => ({ ...s, file })));
    for (const { field, what } of puller?.unreadable?.(o.model) ?? [])
      toWrite.push({ file, path: `spec.${toSnakeKey(field)}`, what });
    const doc = new Document({
      kind: o.kind,
      name,
      ...(o.id && !km.row.singleton && { adopt_id: o.id }),
      spec,
    });
    doc.commentBefore = ` yaml-language-server: $schema=${relative(join(outDir, dir), join(schemas, schemaFileOf(o.kind, profile)))}`;
    files[file] = doc.toString({ lineWidth: 0 });
  }
  return { files, secrets, toWrite };
}

export type { FileKind };
