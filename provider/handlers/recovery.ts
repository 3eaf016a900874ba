/**
 * Taking over objects that already exist, instead of creating new ones:
 * - adoption: the program names the object (`adoptId`);
 * - crash recovery: a previous, interrupted `up` created the object for this URN, which the
 *   creation token in its `metadata` proves (see sdk/resource.ts `creationToken`);
 * - recovery of a create whose answer was lost (the client's `recover` hook).
 * Each ends in `converge`: one merge patch that makes the object match the program.
 */
import type { ListRouteName } from "../client/routes";
import { changedPaths } from "../diff/changed-paths";
import { isPlainObject, type JsonObject, pick } from "../diff/json";
import { buildMergePatch } from "../diff/merge-patch";
import { projectOnto } from "../diff/project";
import { ElevenLabsError, ErrorCode, NotFoundError } from "../errors";
import { CREATION_TOKEN_METADATA_KEY } from "../models/spec";
import { CreationIndex, creationIndex } from "./creation-index";
import { type Ctx, managedKeysOf, type ResourceHandler } from "./resource-handler";

/** `adoptId`: the object must exist; it is then converged to the program. */
export async function adopt(h: ResourceHandler, ctx: Ctx, adoptId: string, inputs: JsonObject): Promise<JsonObject> {
  const live = await h.getLive(ctx, adoptId, inputs).catch((err: unknown) => {
    if (err instanceof NotFoundError) {
      throw new ElevenLabsError(
        `${h.spec.kind}: adoptId "${adoptId}" does not exist (404); nothing to adopt`,
        ErrorCode.AdoptNotFound,
      );
    }
    throw err;
  });
  return converge(h, ctx, adoptId, live, inputs, "adopt");
}

/**
 * Makes an existing (decoded) object match the program: a merge patch of the managed fields that
 * differ. Kinds without an update route cannot be converged: adoption fails naming the fields,
 * recovery replaces the orphan (it was ours, created from the same URN).
 */
export async function converge(
  h: ResourceHandler,
  ctx: Ctx,
  id: string,
  live: JsonObject,
  inputs: JsonObject,
  why: "adopt" | "recover",
): Promise<JsonObject> {
  // Recovering an immutable object: write-only inputs (secret value, document text) count as
  // different and the orphan is recreated rather than trusted, unless recovery read them back
  // (`live` then carries them: see matchesProgram).
  const keys = managedKeysOf(inputs);
  const { codec, rules } = h.of(ctx);
  const updatable = h.updateRoute(ctx) !== undefined;
  const desired =
    why === "recover" && !updatable
      ? pick(
          inputs,
          keys.filter((k) => !rules.ignoreInDiff?.includes(k)),
        )
      : h.comparable(ctx, inputs, keys);
  const current = projectOnto(live, desired) as JsonObject;
  const patch = buildMergePatch(codec.encode(current), codec.encode(desired));
  if (Object.keys(patch).length === 0 && !(why === "adopt" && writesUnverifiable(h, ctx, keys))) return live;
  if (updatable) return h.patch(ctx, id, inputs, patch);
  if (why === "adopt") {
    throw new ElevenLabsError(
      `${h.spec.kind}: cannot adopt "${id}": it differs from the program at ${changedPaths(current, desired).join(", ")} and cannot be updated in place`,
      ErrorCode.AdoptMismatch,
    );
  }
  await h.delete(id, inputs);
  return h.createNew(ctx, inputs);
}

/**
 * Whether adopting writes the program's write-only inputs even though nothing comparable differs:
 * where the update sends the whole object (the live secret's `{name, value}`), the value the
 * dashboard set cannot be read back to compare, so the program's is written rather than assumed.
 */
function writesUnverifiable(h: ResourceHandler, ctx: Ctx, keys: string[]): boolean {
  const route = h.updateRoute(ctx);
  return route !== undefined && ctx.client.route(route).update === "whole" && h.unverifiable(ctx, keys).length > 0;
}

/**
 * Crash recovery: the object a previous, interrupted `up` created for this URN, found by the
 * creation token in its metadata. List items without metadata (summaries) are fetched whole
 * when their natural key matches (or always, when the kind has none). For kinds whose natural
 * key is unique, an object holding it without our token is reported (see `uniqueNaturalKey`),
 * except right after a lost create answer, when the key was free before the create.
 *
 * Where the profile's codec cannot keep a token (live tools, documents, secrets, phone
 * numbers), an object with the program's natural key is taken as the orphan only when it
 * matches the program on every managed input, write-only ones included: those the kind can
 * read back (`readBack`: a document's text or the hash of its upload, its folder) are compared,
 * any other (a secret value, a Twilio token) makes it unverifiable. A match is indistinguishable from what
 * this create would make. Anything else is left alone, and the create goes ahead (or stops,
 * for a unique natural key).
 */
export async function findByCreationToken(
  h: ResourceHandler,
  ctx: Ctx,
  inputs: JsonObject,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<JsonObject | undefined> {
  const token = inputs.creationToken;
  const index = creationIndexOf(h, ctx, inputs);
  if (typeof token !== "string" || !index) return undefined;
  // What this process knew before the create it recovers (fetching candidates below updates it).
  const before = [...(await index.items())];
  const items = fresh ? await index.fresh() : before;
  const { rules, codec } = h.of(ctx);
  const { naturalKey } = rules;
  const keeps = codec.keepsCreationToken;
  const sameKey = (item: JsonObject) => !naturalKey || valueAt(item, naturalKey) === valueAt(inputs, naturalKey);
  const marked = items.filter((item) => tokenOf(item) === token);
  const candidates = items.filter(
    (item) => sameKey(item) && (keeps ? !isPlainObject(item.metadata) : tokenOf(item) === undefined),
  );
  for (const item of [...marked, ...candidates]) {
    const full = await wholeObject(h, ctx, item, inputs, index);
    if (full === undefined) continue;
    if (tokenOf(full) === token) return full;
    const verified = keeps ? undefined : await matchesProgram(h, ctx, full, inputs);
    if (verified) return { ...full, ...verified };
  }
  const holds = (item: JsonObject) => sameKey(item) && tokenOf(item) !== token;
  const taken = rules.uniqueNaturalKey && items.find(holds);
  if (!taken) return undefined;
  // After a create whose answer was lost: the key was free when this create began (or it would
  // have stopped above), and the index is kept current by this process, so what holds it now is
  // what the create made.
  if (fresh && !before.some(holds)) return wholeObject(h, ctx, taken, inputs, index);
  throw nameTaken(h, ctx, taken);
}

/**
 * What a create POST runs when its answer leaves it unknown whether the object was made (see
 * `recover` in the client): the object with this resource's creation token, listed afresh.
 */
export function recoverCreate(
  h: ResourceHandler,
  ctx: Ctx,
  inputs: JsonObject,
): (() => Promise<JsonObject | undefined>) | undefined {
  if (typeof inputs.creationToken !== "string" || !creationIndexOf(h, ctx, inputs)) return undefined;
  return () => findByCreationToken(h, ctx, inputs, { fresh: true });
}

/** The creation index of the list scope `state` addresses (items decoded); none where recovery is off. */
export function creationIndexOf(h: ResourceHandler, ctx: Ctx, state: JsonObject): CreationIndex | undefined {
  const list = h.spec.routes.list;
  if (!list || h.spec.recovery === "none") return undefined;
  const path = h.spec.listParams?.(state);
  return creationIndex(ctx.client, `${h.spec.kind} ${JSON.stringify(path ?? {})}`, () => {
    const { codec } = h.of(ctx);
    async function* decoded(): AsyncIterable<JsonObject> {
      for await (const item of ctx.client.paginate<JsonObject>(list as ListRouteName, { path }))
        yield codec.decode(item);
    }
    return new CreationIndex(decoded, h.spec.idField);
  });
}

/**
 * Whether a tokenless object is exactly what the program would create (see findByCreationToken):
 * equal on every compared input and on every write-only one, which must then be read back.
 * Answers the write-only values so verified (so `converge` sees nothing to change), or
 * `undefined` when the object differs or cannot be verified.
 */
async function matchesProgram(
  h: ResourceHandler,
  ctx: Ctx,
  live: JsonObject,
  inputs: JsonObject,
): Promise<JsonObject | undefined> {
  const keys = managedKeysOf(inputs);
  const desired = h.comparable(ctx, inputs, keys);
  if (changedPaths(projectOnto(live, desired), desired).length > 0) return undefined;
  const writeOnly = h.unverifiable(ctx, keys);
  if (writeOnly.length === 0) return {};
  const readBack = h.spec.readBack ? await h.spec.readBack(ctx, live, inputs) : {};
  const same = (k: string) => readBack[k] !== undefined && changedPaths(readBack[k], inputs[k]).length === 0;
  return writeOnly.every(same) ? pick(readBack, writeOnly) : undefined;
}

/** The value at a dot path. */
function valueAt(value: JsonObject, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split(".")) at = isPlainObject(at) ? at[key] : undefined;
  return at;
}

/**
 * Merges the creation token into the top-level `metadata` map of a (model-shaped) body, where
 * the profile's codec keeps it (the live agent codec turns it into a tag).
 */
export function withCreationToken(h: ResourceHandler, ctx: Ctx, desired: JsonObject, inputs: JsonObject): JsonObject {
  if (typeof inputs.creationToken !== "string" || !h.of(ctx).codec.keepsCreationToken) return desired;
  const metadata = isPlainObject(desired.metadata) ? desired.metadata : {};
  return { ...desired, metadata: { ...metadata, [CREATION_TOKEN_METADATA_KEY]: inputs.creationToken } };
}

const tokenOf = (item: JsonObject) =>
  isPlainObject(item.metadata) ? item.metadata[CREATION_TOKEN_METADATA_KEY] : undefined;

function nameTaken(h: ResourceHandler, ctx: Ctx, existing: JsonObject): ElevenLabsError {
  const key = h.of(ctx).rules.naturalKey as string;
  const id = h.idOf(existing);
  return new ElevenLabsError(
    `${h.spec.kind}: ${key} ${JSON.stringify(valueAt(existing, key))} is already taken by ${id}, which nothing shows this stack created; ` +
      `to manage that object, set adoptId: "${id}"; otherwise choose another ${key}`,
    ErrorCode.AlreadyExists,
  );
}

/** A list item fetched whole (summaries lack metadata); `undefined` when it is gone meanwhile. */
async function wholeObject(
  h: ResourceHandler,
  ctx: Ctx,
  item: JsonObject,
  state: JsonObject,
  index: CreationIndex,
): Promise<JsonObject | undefined> {
  if (!h.spec.routes.get) return item;
  try {
    const full = await h.getLive(ctx, h.idOf(item), state);
    index.put(full);
    return full;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    index.remove(h.idOf(item));
    return undefined;
  }
}
