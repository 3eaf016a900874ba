/**
 * A JSON Schema per file kind, for editors (`# yaml-language-server: $schema=…`): the file's
 * envelope around the kind's zod model, spelled as files spell it (the API's snake_case; user maps
 * verbatim), with each secret position taking only `{ value_from: { config } }`. Generated from
 * the same models the loader validates with; `npm run schema` writes `schemas/<kind>.schema.json`.
 * Refinements (URL checks, rules across fields) stay zod's: the loader is the authority.
 */
import { z } from "zod";
import { isOpaque, toSnakeKey } from "../../provider/codec/case";
import { BOOKKEEPING_KEYS } from "../../provider/models/spec";
import type { JsonSchema } from "../../provider/schema";
import { type FileKind, fileRoot, kindModel, kindsIn, PROFILES, type Profile, schemaFileOf } from "./kinds";
import { DEFINITION_NAME, envelopeModel } from "./loader";
import { secretRefModel, secretSlots } from "./secrets";

type Schema = Exclude<JsonSchema, boolean>;

/** The schema's own keys that hold subschemas at the same field path. */
const SAME_PATH = ["anyOf", "oneOf", "allOf"] as const;

/** Renames properties to the file's spelling; `path` is the model path (camelCase), as opaque paths are written. */
function toFileSpelling(schema: Schema, opaque: readonly string[], path: string[]): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    const rename = (key: string) => (isOpaque(path, opaque) ? key : toSnakeKey(key));
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, sub]) => [
        rename(key),
        typeof sub === "boolean" || isOpaque([...path, key], opaque)
          ? sub
          : toFileSpelling(sub, opaque, [...path, key]),
      ]),
    );
    if (schema.required) out.required = schema.required.map(rename);
  }
  if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items))
    out.items = toFileSpelling(schema.items as Schema, opaque, path);
  for (const key of SAME_PATH) {
    const list = schema[key];
    if (list) out[key] = list.map((sub) => (typeof sub === "boolean" ? sub : toFileSpelling(sub, opaque, path)));
  }
  return out;
}

const SECRET_REF = { $ref: "#/$defs/secret_ref" };

/** Puts the secret reference at `pattern` (file spelling, `*` = a map's entries); `optional`: next to the plain values. */
function markSecret(schema: Schema, pattern: readonly string[], optional: boolean): Schema {
  const [head, ...rest] = pattern;
  if (head === undefined) return optional ? { anyOf: [schema, SECRET_REF] } : SECRET_REF;
  if (head === "*") {
    const inner = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
    return { ...schema, additionalProperties: markSecret(inner, rest, optional) };
  }
  const sub = schema.properties?.[head];
  if (sub === undefined || typeof sub === "boolean") return schema;
  return { ...schema, properties: { ...schema.properties, [head]: markSecret(sub, rest, optional) } };
}

export function buildFileSchema(kind: FileKind, profile: Profile = "seed"): Schema {
  const km = kindModel(kind, profile);
  const { $schema: _, ...model } = z.toJSONSchema(km.fileModel, { io: "input", unrepresentable: "any" }) as Schema;
  const notInSpec = new Set([...BOOKKEEPING_KEYS, ...(km.row.derived ?? [])].map(toSnakeKey));
  // The opaque maps are model paths: below the spec's own root when the spec is one field of the model.
  let spec = toFileSpelling(model, km.rules.opaqueMaps, fileRoot(km));
  spec = {
    ...spec,
    properties: Object.fromEntries(Object.entries(spec.properties ?? {}).filter(([key]) => !notInSpec.has(key))),
    ...(spec.required && { required: spec.required.filter((key) => !notInSpec.has(key)) }),
  };
  for (const slot of secretSlots(km)) spec = markSecret(spec, slot.pattern, slot.optional);
  const envelope = envelopeModel.shape;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://github.com/pulumi-elevenlabs/schemas/${schemaFileOf(kind, profile)}`,
    title: `pulumi-elevenlabs ${kind} definition${profile === "seed" ? "" : ` (${profile} API profile)`}`,
    description: `One ${kind} for ConvaiWorkspace: kind, name, optional adopt_id, and the spec in the API's field names. References to other definitions: "ref:<kind>/<name>".`,
    type: "object",
    properties: {
      kind: { const: kind, description: envelope.kind.description },
      name: { type: "string", pattern: DEFINITION_NAME.source, description: envelope.name.description },
      adopt_id: { type: "string", minLength: 1, description: envelope.adopt_id.description },
      spec: { ...spec, description: envelope.spec.description },
    },
    required: ["kind", "name", "spec"],
    additionalProperties: false,
    $defs: { secret_ref: secretRefSchema() },
  };
}

function secretRefSchema(): Schema {
  const { $schema: _, ...schema } = z.toJSONSchema(secretRefModel) as Schema;
  return { ...schema, description: "A secret, read from Pulumi secret config; never a value in the file." };
}

/** Every field optional and `null` allowed (it removes the field): a merge patch of the schema's documents. */
function asMergePatch(schema: Schema): Schema {
  const { required: _, ...out } = schema;
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, sub]) => [
        key,
        typeof sub === "boolean" ? sub : { anyOf: [asMergePatch(sub), { type: "null" }] },
      ]),
    );
  }
  if (typeof schema.additionalProperties === "object")
    out.additionalProperties = { anyOf: [asMergePatch(schema.additionalProperties), { type: "null" }] };
  return out;
}

/**
 * The schema of an overlay file of `kind` (`overlays/<stack>/…`): a merge patch over a definition,
 * so every field is optional and `null` removes one. Lists replace whole, so their items are
 * checked as in a definition.
 */
export function buildOverlaySchema(kind: FileKind, profile: Profile = "seed"): Schema {
  const file = buildFileSchema(kind, profile);
  const properties = file.properties as Record<string, Schema>;
  return {
    ...file,
    $id: `https://github.com/pulumi-elevenlabs/schemas/${schemaFileOf(kind, profile, "overlay")}`,
    title: `pulumi-elevenlabs ${kind} overlay${profile === "seed" ? "" : ` (${profile} API profile)`}`,
    description: `Merged over the ${kind} definition of the same path for one stack (JSON merge patch: objects merge, null removes).`,
    properties: { ...properties, spec: asMergePatch(properties.spec as Schema) },
    required: [],
  };
}

/** Every schema file, by path under schemas/: a definition and an overlay schema per kind of each profile. */
export function buildSchemaFiles(): Record<string, Schema> {
  return Object.fromEntries(
    PROFILES.flatMap((profile) =>
      kindsIn(profile).flatMap((kind) => [
        [schemaFileOf(kind, profile), buildFileSchema(kind, profile)],
        [schemaFileOf(kind, profile, "overlay"), buildOverlaySchema(kind, profile)],
      ]),
    ),
  );
}
