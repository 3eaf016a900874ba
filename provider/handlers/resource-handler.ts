/**
 * The one implementation of the dynamic `ResourceProvider` shape. A per-resource spec
 * (`provider/handlers/<resource>.ts`) supplies the model, the routes and the few hooks that
 * differ; everything about check/diff/create/read/update/delete lives here.
 *
 * Vocabulary: "desired" = the program's managed inputs in resource (camelCase) form; "wire" =
 * the same in the API's shape, still camelCase (hooks such as Tool's secretHeaders merge apply);
 * `toApi` then converts keys to snake_case. Outputs = live fields (camelCase) + the managed
 * inputs under their own keys + bookkeeping, so `diff(olds=outputs, news)` compares like with like.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { z } from "zod";
import { fromApi, toApi } from "../case";
import type { ElevenLabsClient } from "../client/client";
import type { ListRouteName, RouteName } from "../client/routes";
import { clientFromConfig } from "../config";
import { changedPaths } from "../diff/changed-paths";
import { isPlainObject, type JsonObject, omit, pick, stripUndefined } from "../diff/json";
import { buildMergePatch } from "../diff/merge-patch";
import { projectOnto } from "../diff/project";
import { ElevenLabsError, NotFoundError } from "../errors";
import {
  BOOKKEEPING_KEYS,
  CREATION_TOKEN_METADATA_KEY,
  MANAGED_KEYS,
  type ModelRules,
  type ResourceKind,
} from "../models/spec";
import { type CheckFailure, validate } from "../models/validate";
import { CreationIndex, creationIndex } from "./creation-index";

export interface Ctx {
  client: ElevenLabsClient;
}

export interface ResourceSpec {
  kind: ResourceKind;
  model: z.ZodType<JsonObject>;
  rules: ModelRules;
  /** The API field holding the object's id. @example "agent_id" */
  idField: string;
  routes: { create?: RouteName; get?: RouteName; update?: RouteName; delete?: RouteName; list?: ListRouteName };
  /** Path parameters addressing object `id`; `state` holds the inputs or outputs. */
  pathParams(id: string, state: JsonObject): Record<string, string>;
  /** Path parameters of the list route, for creation-token recovery. */
  listParams?(desired: JsonObject): Record<string, string>;
  /** Field compared when list items carry no metadata (summaries): candidates are then fetched whole. */
  naturalKey?: string;
  /** Where the creation token cannot be stored or found: `"none"` disables recovery. */
  recovery?: "token" | "none";
  /**
   * The API refuses two objects with the same natural key. An existing one that carries no
   * creation token (an API that keeps no metadata) may be another stack's: create stops with an
   * error naming it and `adoptId`, rather than taking it over or failing on the API's conflict.
   */
  uniqueNaturalKey?: boolean;
  /** One object per workspace: create always goes through `createObject`, `adoptId` is ignored. */
  singleton?: boolean;

  /** check: adds derived inputs (file hashes); returns failures instead of throwing. */
  normalize?(inputs: JsonObject): CheckFailure[];
  /** Desired (user shape) -> wire shape; must also map merge patches (null = removal). */
  toWire?(desired: JsonObject): JsonObject;
  /** Live (camelCase, wire shape) -> user shape; `state` = inputs or previous outputs. */
  fromWire?(live: JsonObject, state: JsonObject): JsonObject;

  /** Overrides of single operations; each returns the raw (snake_case) live object. */
  /** `recover` goes to the create request (see RequestArgs.recover) so a retried POST never duplicates. */
  createObject?(
    ctx: Ctx,
    desired: JsonObject,
    inputs: JsonObject,
    recover?: () => Promise<JsonObject | undefined>,
  ): Promise<JsonObject>;
  getObject?(ctx: Ctx, id: string, state: JsonObject): Promise<JsonObject>;
  /** Replaces PATCH when present; `patch` is the wire-shape merge patch. */
  updateObject?(
    ctx: Ctx,
    id: string,
    olds: JsonObject,
    news: JsonObject,
    patch: JsonObject,
  ): Promise<JsonObject | undefined>;
  deleteObject?(ctx: Ctx, id: string, state: JsonObject): Promise<void>;
  /** After create, adoption or recovery: wait for the object to be usable (documents: `ready`). */
  settle?(ctx: Ctx, id: string, live: JsonObject, inputs: JsonObject): Promise<JsonObject>;
  /** Outputs only this resource computes (e.g. previousSettings), merged last. */
  extraOutputs?(live: JsonObject, inputs: JsonObject, state?: JsonObject): JsonObject;
}

const isBookkeeping = (key: string) => (BOOKKEEPING_KEYS as readonly string[]).includes(key) || key.startsWith("__");

/** The program's top-level input keys, excluding bookkeeping and the serialized provider. */
export function managedKeysOf(inputs: JsonObject): string[] {
  return Object.keys(inputs)
    .filter((k) => !isBookkeeping(k) && inputs[k] !== undefined)
    .sort();
}

export class ResourceHandler implements dynamic.ResourceProvider {
  constructor(readonly spec: ResourceSpec) {}

  // ---- check / diff: no API call, ever -------------------------------------------------------

  async check(_olds: JsonObject, news: JsonObject): Promise<dynamic.CheckResult> {
    const input = omit(
      news,
      Object.keys(news).filter((k) => k.startsWith("__")),
    );
    const { secretOutputs, secretPaths = [] } = this.spec.rules;
    const result = validate(this.spec.model, input, this.spec.kind, [...secretOutputs, ...secretPaths]);
    if (!result.ok) return { inputs: news, failures: result.failures };
    // Canonical key case: what the API would hand back, so state never flips between spellings.
    const opaque = this.spec.rules.opaqueMaps;
    const inputs = stripUndefined(fromApi<JsonObject>(toApi(result.data, opaque), opaque));
    const failures = this.spec.normalize?.(inputs) ?? [];
    return failures.length > 0 ? { inputs: news, failures } : { inputs };
  }

  async diff(_id: string, olds: JsonObject, news: JsonObject): Promise<dynamic.DiffResult> {
    const changed = this.changedKeys(olds, news);
    return {
      changes: changed.length > 0,
      replaces: changed.filter((k) => this.spec.rules.replaceOnChanges.includes(k)),
      // Crash safety: a replacement never coexists with (and is never mistaken for) its predecessor.
      deleteBeforeReplace: true,
    };
  }

  /** Top-level inputs that differ between previous outputs and new inputs. */
  changedKeys(olds: JsonObject, news: JsonObject): string[] {
    const previous = Array.isArray(olds[MANAGED_KEYS]) ? (olds[MANAGED_KEYS] as string[]) : [];
    const ignored = new Set([...(this.spec.rules.ignoreInDiff ?? []), ...this.spec.rules.serverSet]);
    const keys = new Set([...previous, ...managedKeysOf(news)]);
    return [...keys].filter((k) => !ignored.has(k) && changedPaths(olds[k], news[k]).length > 0).sort();
  }

  // ---- create / read / update / delete --------------------------------------------------------

  async create(raw: JsonObject): Promise<dynamic.CreateResult> {
    const ctx = this.ctx();
    const inputs = omit(raw, ["__provider"]);
    const desired = pick(inputs, managedKeysOf(inputs));
    const adoptId = typeof inputs.adoptId === "string" ? inputs.adoptId : undefined;
    let live: JsonObject;
    if (adoptId && !this.spec.singleton) {
      live = await this.getLive(ctx, adoptId, inputs).catch((err: unknown) => {
        if (err instanceof NotFoundError) {
          throw new ElevenLabsError(
            `${this.spec.kind}: adoptId "${adoptId}" does not exist (404); nothing to adopt`,
            "ADOPT_NOT_FOUND",
          );
        }
        throw err;
      });
      live = await this.converge(ctx, adoptId, live, inputs, "adopt");
    } else {
      const found = await this.findByCreationToken(ctx, inputs);
      live = found
        ? await this.converge(ctx, this.idOf(found), found, inputs, "recover")
        : await this.createNew(ctx, desired, inputs);
    }
    const id = this.idOf(live);
    live = this.spec.settle ? await this.spec.settle(ctx, id, live, inputs) : live;
    return { id, outs: this.outputs(live, inputs) };
  }

  async read(id: string, props: JsonObject): Promise<dynamic.ReadResult> {
    const ctx = this.ctx();
    let live: JsonObject;
    try {
      live = await this.getLive(ctx, id, props);
    } catch (err) {
      if (err instanceof NotFoundError) return {};
      throw err;
    }
    const inputs = this.liveInputs(live, props);
    return { id, props: this.outputs(live, inputs, props), inputs };
  }

  async update(id: string, rawOlds: JsonObject, rawNews: JsonObject): Promise<dynamic.UpdateResult> {
    const ctx = this.ctx();
    const olds = omit(rawOlds, ["__provider"]);
    const news = omit(rawNews, ["__provider"]);
    const patch = buildMergePatch(
      this.comparableWire(olds, this.previousKeys(olds)),
      this.comparableWire(news, managedKeysOf(news)),
    );
    let live: JsonObject | undefined;
    if (this.spec.updateObject) {
      live = await this.spec.updateObject(ctx, id, olds, news, patch);
    } else if (Object.keys(patch).length > 0) {
      if (!this.spec.routes.update)
        throw new ElevenLabsError(`${this.spec.kind} cannot be updated in place`, "NOT_UPDATABLE");
      live = await this.patch(ctx, id, news, patch);
    }
    // Nothing sent (only ignored inputs changed): keep the live fields we already know.
    const base = live ?? omit(olds, [...this.previousKeys(olds), MANAGED_KEYS, ...BOOKKEEPING_KEYS]);
    return { outs: this.outputs(live ?? (toApi(base, this.spec.rules.opaqueMaps) as JsonObject), news, olds) };
  }

  async delete(id: string, props: JsonObject): Promise<void> {
    const ctx = this.ctx();
    this.creationIndex(ctx, props)?.remove(id);
    try {
      if (this.spec.deleteObject) await this.spec.deleteObject(ctx, id, props);
      else if (this.spec.routes.delete)
        await ctx.client.request(this.spec.routes.delete, { path: this.spec.pathParams(id, props) });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  // ---- building blocks (also used by the per-resource hooks) ---------------------------------

  ctx(): Ctx {
    return { client: clientFromConfig() };
  }

  idOf(live: JsonObject): string {
    const id = live[this.spec.idField];
    if (typeof id !== "string" || id === "") {
      throw new ElevenLabsError(
        `${this.spec.kind}: the API answer has no "${this.spec.idField}"`,
        "UNEXPECTED_RESPONSE",
      );
    }
    return id;
  }

  async getLive(ctx: Ctx, id: string, state: JsonObject): Promise<JsonObject> {
    if (this.spec.getObject) return this.spec.getObject(ctx, id, state);
    if (!this.spec.routes.get) throw new ElevenLabsError(`${this.spec.kind} has no get route`, "NOT_SUPPORTED");
    return ctx.client.request<JsonObject>(this.spec.routes.get, { path: this.spec.pathParams(id, state) });
  }

  toWire(desired: JsonObject): JsonObject {
    return this.spec.toWire ? this.spec.toWire(desired) : desired;
  }

  /** Live API object -> resource form (camelCase, user shape). */
  fromLive(live: JsonObject, state: JsonObject): JsonObject {
    const camel = fromApi<JsonObject>(live, this.spec.rules.opaqueMaps);
    return this.spec.fromWire ? this.spec.fromWire(camel, state) : camel;
  }

  /** The managed inputs the API can be compared against / patched with (write-only inputs left out). */
  comparableWire(state: JsonObject, keys: Iterable<string>): JsonObject {
    const skip = new Set([...(this.spec.rules.writeOnly ?? []), ...(this.spec.rules.ignoreInDiff ?? [])]);
    return this.toWire(
      pick(
        state,
        [...keys].filter((k) => !skip.has(k)),
      ),
    );
  }

  previousKeys(olds: JsonObject): string[] {
    return Array.isArray(olds[MANAGED_KEYS]) ? (olds[MANAGED_KEYS] as string[]) : managedKeysOf(olds);
  }

  async patch(ctx: Ctx, id: string, state: JsonObject, wirePatch: JsonObject): Promise<JsonObject> {
    const route = this.spec.routes.update as RouteName;
    const body = toApi(wirePatch, this.spec.rules.opaqueMaps);
    const answer = await ctx.client.request<JsonObject | undefined>(route, {
      path: this.spec.pathParams(id, state),
      body,
      idempotent: true,
    });
    return isPlainObject(answer) && answer[this.spec.idField] !== undefined ? answer : this.getLive(ctx, id, state);
  }

  /** POST with the creation token in the object's `metadata`. */
  async createNew(ctx: Ctx, desired: JsonObject, inputs: JsonObject): Promise<JsonObject> {
    const recover = this.recoverCreate(ctx, inputs);
    let live: JsonObject;
    if (this.spec.createObject) live = await this.spec.createObject(ctx, desired, inputs, recover);
    else {
      const body = toApi(withCreationToken(this.toWire(desired), inputs), this.spec.rules.opaqueMaps);
      live = await ctx.client.request<JsonObject>(this.spec.routes.create as RouteName, { body, recover });
    }
    this.creationIndex(ctx, inputs)?.put(live);
    return live;
  }

  /**
   * Makes an existing object match the program: a merge patch of the managed fields that differ.
   * Kinds without an update route cannot be converged: adoption fails naming the fields,
   * recovery replaces the orphan (it was ours, created from the same URN).
   */
  async converge(
    ctx: Ctx,
    id: string,
    live: JsonObject,
    inputs: JsonObject,
    why: "adopt" | "recover",
  ): Promise<JsonObject> {
    // Recovering an immutable object: write-only inputs (secret value, document text) cannot be
    // verified, so they count as different and the orphan is recreated rather than trusted.
    const keys = managedKeysOf(inputs);
    const desiredWire =
      why === "recover" && !this.spec.routes.update
        ? this.toWire(
            pick(
              inputs,
              keys.filter((k) => !this.spec.rules.ignoreInDiff?.includes(k)),
            ),
          )
        : this.comparableWire(inputs, keys);
    const current = projectOnto(fromApi(live, this.spec.rules.opaqueMaps), desiredWire) as JsonObject;
    const patch = buildMergePatch(current, desiredWire);
    if (Object.keys(patch).length === 0) return live;
    if (this.spec.routes.update) return this.patch(ctx, id, inputs, patch);
    if (why === "adopt") {
      throw new ElevenLabsError(
        `${this.spec.kind}: cannot adopt "${id}": it differs from the program at ${changedPaths(current, desiredWire).join(", ")} and cannot be updated in place`,
        "ADOPT_MISMATCH",
      );
    }
    await this.delete(id, inputs);
    return this.createNew(ctx, pick(inputs, managedKeysOf(inputs)), inputs);
  }

  /**
   * Crash recovery: the object a previous, interrupted `up` created for this URN, found by the
   * creation token in its metadata. List items without metadata (summaries) are fetched whole
   * when their natural key matches (or always, when the kind has none). For kinds whose natural
   * key is unique, an object holding it without our token is reported (see `uniqueNaturalKey`).
   */
  async findByCreationToken(
    ctx: Ctx,
    inputs: JsonObject,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<JsonObject | undefined> {
    const token = inputs.creationToken;
    const index = this.creationIndex(ctx, inputs);
    if (typeof token !== "string" || !index) return undefined;
    const items = fresh ? await index.fresh() : await index.items();
    const wire = toApi<JsonObject>(this.toWire(pick(inputs, managedKeysOf(inputs))), this.spec.rules.opaqueMaps);
    const tokenOf = (item: JsonObject) =>
      isPlainObject(item.metadata) ? item.metadata[CREATION_TOKEN_METADATA_KEY] : undefined;
    const sameKey = (item: JsonObject) =>
      !this.spec.naturalKey || item[this.spec.naturalKey] === wire[this.spec.naturalKey];
    const marked = items.filter((item) => tokenOf(item) === token);
    const candidates = items.filter((item) => !isPlainObject(item.metadata) && sameKey(item));
    for (const item of [...marked, ...candidates]) {
      const full = await this.wholeObject(ctx, item, inputs, index);
      if (full !== undefined && tokenOf(full) === token) return full;
    }
    const taken = this.spec.uniqueNaturalKey && items.find((item) => sameKey(item) && tokenOf(item) !== token);
    if (taken) throw this.nameTaken(taken);
    return undefined;
  }

  nameTaken(existing: JsonObject): ElevenLabsError {
    const key = this.spec.naturalKey as string;
    const id = this.idOf(existing);
    return new ElevenLabsError(
      `${this.spec.kind}: ${key} ${JSON.stringify(existing[key])} is already taken by ${id}, which nothing shows this stack created; ` +
        `to manage that object, set adoptId: "${id}"; otherwise choose another ${key}`,
      "ALREADY_EXISTS",
    );
  }

  /** The creation index of the list scope `state` addresses; none where recovery is off. */
  creationIndex(ctx: Ctx, state: JsonObject): CreationIndex | undefined {
    const list = this.spec.routes.list;
    if (!list || this.spec.recovery === "none") return undefined;
    const path = this.spec.listParams?.(state);
    return creationIndex(
      ctx.client,
      `${this.spec.kind} ${JSON.stringify(path ?? {})}`,
      () => new CreationIndex(() => ctx.client.paginate<JsonObject>(list, { path }), this.spec.idField),
    );
  }

  /** A list item fetched whole (summaries lack metadata); `undefined` when it is gone meanwhile. */
  async wholeObject(
    ctx: Ctx,
    item: JsonObject,
    state: JsonObject,
    index: CreationIndex,
  ): Promise<JsonObject | undefined> {
    if (!this.spec.routes.get) return item;
    try {
      const full = await this.getLive(ctx, this.idOf(item), state);
      index.put(full);
      return full;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      index.remove(this.idOf(item));
      return undefined;
    }
  }

  /**
   * What a create POST runs when its answer leaves it unknown whether the object was made (see
   * `recover` in the client): the object with this resource's creation token, listed afresh.
   */
  recoverCreate(ctx: Ctx, inputs: JsonObject): (() => Promise<JsonObject | undefined>) | undefined {
    if (typeof inputs.creationToken !== "string" || !this.creationIndex(ctx, inputs)) return undefined;
    return () => this.findByCreationToken(ctx, inputs, { fresh: true });
  }

  /** What `read` reports as the inputs: live values seen through the shape of the managed inputs. */
  liveInputs(live: JsonObject, props: JsonObject): JsonObject {
    const user = this.fromLive(live, props);
    const writeOnly = new Set(this.spec.rules.writeOnly ?? []);
    const inputs: JsonObject = pick(props, BOOKKEEPING_KEYS);
    for (const key of this.previousKeys(props)) {
      const value = writeOnly.has(key)
        ? props[key]
        : user[key] === undefined
          ? undefined
          : projectOnto(user[key], props[key]);
      if (value !== undefined) inputs[key] = value;
    }
    return inputs;
  }

  /**
   * Outputs: every live field (camelCase), then the managed inputs under their own keys (so the
   * next diff compares inputs with inputs), bookkeeping, and the list of managed keys. Server-set
   * outputs the live object lacks are carried over from the previous state. Never `undefined`.
   */
  outputs(live: JsonObject, inputs: JsonObject, previous?: JsonObject): JsonObject {
    const keys = managedKeysOf(inputs);
    const carried = previous ? pick(previous, this.spec.rules.serverSet) : {};
    return stripUndefined({
      ...carried,
      ...this.fromLive(live, inputs),
      ...pick(inputs, keys),
      ...pick(inputs, BOOKKEEPING_KEYS),
      ...this.spec.extraOutputs?.(live, inputs, previous),
      [MANAGED_KEYS]: keys,
    });
  }
}

/** Merges the creation token into the top-level `metadata` map of a wire body. */
export function withCreationToken(wire: JsonObject, inputs: JsonObject): JsonObject {
  if (typeof inputs.creationToken !== "string") return wire;
  const metadata = isPlainObject(wire.metadata) ? wire.metadata : {};
  return { ...wire, metadata: { ...metadata, [CREATION_TOKEN_METADATA_KEY]: inputs.creationToken } };
}
