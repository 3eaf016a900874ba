/**
 * The one implementation of the dynamic `ResourceProvider` shape. A per-resource spec
 * (`provider/handlers/<resource>.ts`) supplies the routes and the few hooks that differ; the
 * kind's model and rules come from `provider/models`, its wire shape from `provider/codec`.
 * check/diff/create/read/update/delete live here; crash recovery and adoption in `recovery.ts`.
 *
 * One shape: everything here is the model (camelCase, the resource's own shape). API objects
 * are decoded by the kind's codec the moment they arrive, and bodies are encoded by it as they
 * leave. Outputs = live fields + the managed inputs under their own keys + bookkeeping, so
 * `diff(olds=outputs, news)` compares like with like.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { ElevenLabsClient } from "../client/client";
import type { ListRouteName, RouteName } from "../client/routes";
import { type Codec, decodeObject } from "../codec/index";
import { clientFromConfig, configuredProfile } from "../config";
import { changedPaths } from "../diff/changed-paths";
import { isPlainObject, type JsonObject, omit, pick, stripUndefined } from "../diff/json";
import { buildMergePatch, overlayPatch } from "../diff/merge-patch";
import { projectOnto } from "../diff/project";
import { ElevenLabsError, ErrorCode, NotFoundError } from "../errors";
import type { KindModel } from "../models/index";
import { BOOKKEEPING_KEYS, MANAGED_KEYS, type ResourceKind } from "../models/spec";
import { type CheckFailure, validate } from "../models/validate";
import { codecIn, foreignShape, kindModelIn, otherProfileHint } from "../profiles/index";
import type { ProfileName } from "../profiles/types";
import { adopt, converge, creationIndexOf, findByCreationToken, recoverCreate, withCreationToken } from "./recovery";

export interface Ctx {
  client: ElevenLabsClient;
}

/** A kind as one API profile has it. */
export interface KindInProfile extends KindModel {
  profile: ProfileName;
  codec: Codec;
}

/**
 * What a kind's handler needs beyond its model: routes by name (each profile maps them to its own
 * paths and may lack some), how to address an object, and the few hooks that differ. The model,
 * rules and codec come from the API profile the client speaks (provider/profiles; `of(ctx)`).
 */
export interface ResourceSpec {
  kind: ResourceKind;
  /** The model field holding the object's id (each profile's codec maps its own id field to it). @example "agentId" */
  idField: string;
  routes: { create?: RouteName; get?: RouteName; update?: RouteName; delete?: RouteName; list?: ListRouteName };
  /** Path parameters addressing object `id`; `state` holds the inputs or outputs. */
  pathParams(id: string, state: JsonObject): Record<string, string>;
  /** Path parameters of the list route, for creation-token recovery. */
  listParams?(desired: JsonObject): Record<string, string>;
  /** Where the creation token cannot be stored or found: `"none"` disables recovery. */
  recovery?: "token" | "none";
  /** One object per workspace: create always goes through `createObject`, `adoptId` is ignored. */
  singleton?: boolean;

  /** check: adds derived inputs (file hashes); returns failures instead of throwing. */
  normalize?(inputs: JsonObject): CheckFailure[];

  /**
   * Overrides of single operations. They talk to the API, so they return the API object as
   * answered (the handler decodes it) and build bodies with the kind's codec.
   * `recover` goes to the create request (see RequestArgs.recover) so a retried POST never duplicates.
   */
  createObject?(
    ctx: Ctx,
    desired: JsonObject,
    inputs: JsonObject,
    recover?: () => Promise<unknown>,
  ): Promise<JsonObject>;
  getObject?(ctx: Ctx, id: string, state: JsonObject): Promise<JsonObject>;
  /** Replaces PATCH when present; `patch` is the encoded merge patch (an API body). */
  updateObject?(
    ctx: Ctx,
    id: string,
    olds: JsonObject,
    news: JsonObject,
    patch: JsonObject,
  ): Promise<JsonObject | undefined>;
  deleteObject?(ctx: Ctx, id: string, state: JsonObject): Promise<void>;
  /**
   * Crash recovery: write-only inputs that can be read back after all (a text document's
   * content), as model values, so an orphan can be compared on them too. What it leaves out stays
   * unverifiable. Only called where the profile keeps no creation token.
   */
  readBack?(ctx: Ctx, live: JsonObject, inputs: JsonObject): Promise<JsonObject>;
  /** After a create that made a new object (not adoption or recovery), with the object decoded. */
  created?(ctx: Ctx, live: JsonObject): void;
  /** After create, adoption or recovery: wait for the (decoded) object to be usable (documents: `ready`). */
  settle?(ctx: Ctx, id: string, live: JsonObject, inputs: JsonObject): Promise<JsonObject>;
}

const isBookkeeping = (key: string) => (BOOKKEEPING_KEYS as readonly string[]).includes(key) || key.startsWith("__");

/** The program's top-level input keys, excluding bookkeeping and the serialized provider. */
export function managedKeysOf(inputs: JsonObject): string[] {
  return Object.keys(inputs)
    .filter((k) => !isBookkeeping(k) && inputs[k] !== undefined)
    .sort();
}

/**
 * A failure as the engine prints it. The engine looks the named property up among the TOP-LEVEL
 * inputs to show its value, so a nested path comes out as "value {<nil>}"; the path therefore
 * goes into the reason (which quotes the value given, unless secret) and the property stays empty.
 */
function forEngine(failure: CheckFailure): CheckFailure {
  return { property: "", reason: `${failure.property}: ${failure.reason}` };
}

export class ResourceHandler implements dynamic.ResourceProvider {
  /** The kind per profile, built once: `of(ctx)` runs on every operation. */
  readonly #byProfile = new Map<ProfileName, KindInProfile>();

  constructor(readonly spec: ResourceSpec) {}

  // ---- the kind in an API profile ---------------------------------------------------------------

  /** The kind's model, rules and codec in `profile`; a kind the profile lacks is an error naming it. */
  in(profile: ProfileName): KindInProfile {
    let kind = this.#byProfile.get(profile);
    if (!kind) {
      const found = kindModelIn(this.spec.kind, profile);
      if ("reason" in found) throw new ElevenLabsError(found.reason, ErrorCode.WrongProfile);
      kind = { ...found, profile, codec: codecIn(this.spec.kind, profile) };
      this.#byProfile.set(profile, kind);
    }
    return kind;
  }

  /** Of `keys`, the write-only inputs the diff compares: the API never returns them, so they cannot be verified by a read. */
  unverifiable(ctx: Ctx, keys: readonly string[]): string[] {
    const { writeOnly = [], ignoreInDiff = [] } = this.of(ctx).rules;
    return keys.filter((k) => writeOnly.includes(k) && !ignoreInDiff.includes(k));
  }

  /** The kind as the client's API speaks it: what every operation that talks to the API uses. */
  of(ctx: Ctx): KindInProfile {
    return this.in(ctx.client.profile.name);
  }

  /** check and diff make no client: they read the configured stack's profile (elevenlabs:apiProfile, or the base URL's default). */
  configured(): KindInProfile {
    return this.in(configuredProfile());
  }

  /** The spec's update route, if the client's profile has it. */
  updateRoute(ctx: Ctx): RouteName | undefined {
    const route = this.spec.routes.update;
    return route && ctx.client.has(route) ? route : undefined;
  }

  // ---- check / diff: no API call, ever -------------------------------------------------------

  async check(_olds: JsonObject, news: JsonObject): Promise<dynamic.CheckResult> {
    const input = omit(
      news,
      Object.keys(news).filter((k) => k.startsWith("__")),
    );
    const { kind } = this.spec;
    const profile = configuredProfile();
    const found = kindModelIn(kind, profile);
    if ("reason" in found) return { inputs: news, failures: [found] };
    // Written for the other profile: say so, rather than "not a property" or a 404 at create.
    const foreign = foreignShape(kind, profile, input);
    if (foreign.length > 0) return { inputs: news, failures: foreign.map(forEngine) };
    const { secretOutputs, secretPaths = [] } = found.rules;
    const result = validate(found.model, input, kind, [...secretOutputs, ...secretPaths]);
    if (!result.ok) {
      const hinted = result.failures.map((f) => {
        const path = f.property.replace(/\[(\d+)\]/g, ".$1").split(".");
        return forEngine({ ...f, reason: f.reason + otherProfileHint(kind, profile, input, path) });
      });
      return { inputs: news, failures: hinted };
    }
    // Canonical key case: what the API would hand back, so state never flips between spellings.
    const inputs = stripUndefined(codecIn(kind, profile).canonical(result.data));
    const failures = this.spec.normalize?.(inputs) ?? [];
    return failures.length > 0 ? { inputs: news, failures: failures.map(forEngine) } : { inputs };
  }

  async diff(_id: string, olds: JsonObject, news: JsonObject): Promise<dynamic.DiffResult> {
    const changed = this.changedKeys(olds, news);
    return {
      changes: changed.length > 0,
      replaces: changed.filter((k) => this.configured().rules.replaceOnChanges.includes(k)),
      // Crash safety: a replacement never coexists with (and is never mistaken for) its predecessor.
      deleteBeforeReplace: true,
    };
  }

  /** Top-level inputs that differ between previous outputs and new inputs. */
  changedKeys(olds: JsonObject, news: JsonObject): string[] {
    const { ignoreInDiff = [], serverSet } = this.configured().rules;
    const ignored = new Set([...ignoreInDiff, ...serverSet]);
    const keys = new Set([...this.previousKeys(olds, []), ...managedKeysOf(news)]);
    return [...keys].filter((k) => !ignored.has(k) && changedPaths(olds[k], news[k]).length > 0).sort();
  }

  // ---- create / read / update / delete --------------------------------------------------------

  async create(raw: JsonObject): Promise<dynamic.CreateResult> {
    const ctx = this.ctx();
    const inputs = omit(raw, ["__provider"]);
    const adoptId = typeof inputs.adoptId === "string" ? inputs.adoptId : undefined;
    let live: JsonObject;
    if (adoptId && !this.spec.singleton) live = await adopt(this, ctx, adoptId, inputs);
    else {
      const found = await findByCreationToken(this, ctx, inputs);
      live = found
        ? await converge(this, ctx, this.idOf(found), found, inputs, "recover")
        : await this.createNew(ctx, inputs);
    }
    const id = this.idOf(live);
    live = this.spec.settle ? await this.spec.settle(ctx, id, live, inputs) : live;
    return { id, outs: this.outputs(ctx, live, inputs) };
  }

  async read(id: string, props: JsonObject): Promise<dynamic.ReadResult> {
    const ctx = this.ctx();
    let live: JsonObject;
    try {
      live = await this.getLive(ctx, id, props);
    } catch (err) {
      // Only an answer that proves this object is gone (see ApiError.fromResponse) drops it from the state.
      if (err instanceof NotFoundError) return {};
      throw err;
    }
    const inputs = this.liveInputs(ctx, live, props);
    return { id, props: this.outputs(ctx, live, inputs, props), inputs };
  }

  async update(id: string, rawOlds: JsonObject, rawNews: JsonObject): Promise<dynamic.UpdateResult> {
    const ctx = this.ctx();
    const olds = omit(rawOlds, ["__provider"]);
    const news = omit(rawNews, ["__provider"]);
    const { codec } = this.of(ctx);
    const patch = buildMergePatch(
      codec.encode(this.comparable(ctx, olds, this.previousKeys(olds))),
      codec.encode(this.comparable(ctx, news, managedKeysOf(news))),
    );
    let live: JsonObject | undefined;
    if (this.spec.updateObject) {
      const answer = await this.spec.updateObject(ctx, id, olds, news, patch);
      live = answer && codec.decode(answer, news);
    } else if (Object.keys(patch).length > 0) {
      if (!this.updateRoute(ctx))
        throw new ElevenLabsError(`${this.spec.kind} cannot be updated in place`, ErrorCode.NotUpdatable);
      live = await this.patch(ctx, id, news, patch);
    }
    // Nothing sent (only ignored inputs changed): keep the live fields we already know.
    const known = omit(olds, [...this.previousKeys(olds), MANAGED_KEYS, ...BOOKKEEPING_KEYS]);
    return { outs: this.outputs(ctx, live ?? known, news, olds) };
  }

  async delete(id: string, props: JsonObject): Promise<void> {
    const ctx = this.ctx();
    creationIndexOf(this, ctx, props)?.remove(id);
    try {
      if (this.spec.deleteObject) await this.spec.deleteObject(ctx, id, props);
      else if (this.spec.routes.delete)
        await ctx.client.request(this.spec.routes.delete, { path: this.spec.pathParams(id, props) });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  // ---- building blocks (also used by recovery and the per-resource hooks) --------------------

  ctx(): Ctx {
    return { client: clientFromConfig() };
  }

  idOf(live: JsonObject): string {
    const id = live[this.spec.idField];
    if (typeof id !== "string" || id === "") {
      throw new ElevenLabsError(
        `${this.spec.kind}: the API answer has no "${this.spec.idField}"`,
        ErrorCode.UnexpectedResponse,
      );
    }
    return id;
  }

  /** The object as the API has it now, decoded. */
  async getLive(ctx: Ctx, id: string, state: JsonObject): Promise<JsonObject> {
    let answer: JsonObject;
    if (this.spec.getObject) answer = await this.spec.getObject(ctx, id, state);
    else if (this.spec.routes.get)
      answer = await ctx.client.request<JsonObject>(this.spec.routes.get, { path: this.spec.pathParams(id, state) });
    else throw new ElevenLabsError(`${this.spec.kind} has no get route`, ErrorCode.NotSupported);
    return decodeObject(this.of(ctx).codec, answer, state);
  }

  /** The managed inputs the API can be compared against / patched with (write-only inputs left out). */
  comparable(ctx: Ctx, state: JsonObject, keys: Iterable<string>): JsonObject {
    const { rules } = this.of(ctx);
    const skip = new Set([...(rules.writeOnly ?? []), ...(rules.ignoreInDiff ?? [])]);
    return pick(
      state,
      [...keys].filter((k) => !skip.has(k)),
    );
  }

  /** The managed keys of the previous state (older states lack the list: their inputs say it). */
  previousKeys(olds: JsonObject, fallback: string[] = managedKeysOf(olds)): string[] {
    return Array.isArray(olds[MANAGED_KEYS]) ? (olds[MANAGED_KEYS] as string[]) : fallback;
  }

  /**
   * Sends an encoded merge patch in the form the profile's update route takes (see UpdateBody);
   * answers the object decoded (read again when the answer is not it).
   */
  async patch(ctx: Ctx, id: string, state: JsonObject, patch: JsonObject): Promise<JsonObject> {
    const route = this.updateRoute(ctx);
    if (!route) throw new ElevenLabsError(`${this.spec.kind} cannot be updated in place`, ErrorCode.NotUpdatable);
    const path = this.spec.pathParams(id, state);
    const { codec, rules } = this.of(ctx);
    const style = ctx.client.route(route).update ?? "merge-patch";
    let body = patch;
    if (style === "whole") {
      body = codec.encode(
        pick(
          state,
          managedKeysOf(state).filter((k) => !rules.ignoreInDiff?.includes(k)),
        ),
      );
    } else if (style === "whole-objects") {
      // Each top-level object the patch touches is sent whole: the live object with the patch applied.
      const current = await ctx.client.request<unknown>(this.spec.routes.get as RouteName, { path });
      const live = isPlainObject(current) ? current : {};
      body = {};
      for (const [key, value] of Object.entries(patch))
        body[key] = isPlainObject(value) && isPlainObject(live[key]) ? overlayPatch(live[key], value) : value;
      body = codec.writable(body, patch);
    }
    const answer = await ctx.client.request<unknown>(route, { path, body, idempotent: true });
    const live = decodeObject(codec, answer, state);
    return live[this.spec.idField] !== undefined ? live : this.getLive(ctx, id, state);
  }

  /**
   * POST with the creation token (where the profile's codec keeps one); answers the object
   * decoded, read again when the answer holds nothing but the id (the live agent and phone creates).
   */
  async createNew(ctx: Ctx, inputs: JsonObject): Promise<JsonObject> {
    const desired = pick(inputs, managedKeysOf(inputs));
    const recover = recoverCreate(this, ctx, inputs);
    const { codec } = this.of(ctx);
    const answer = this.spec.createObject
      ? await this.spec.createObject(ctx, desired, inputs, recover)
      : await ctx.client.request<JsonObject>(this.spec.routes.create as RouteName, {
          body: codec.encode(withCreationToken(this, ctx, desired, inputs)),
          recover,
        });
    let live = decodeObject(codec, answer, inputs);
    const onlyId = Object.keys(live).every((k) => k === this.spec.idField);
    if (onlyId && this.spec.routes.get) live = await this.getLive(ctx, this.idOf(live), inputs);
    creationIndexOf(this, ctx, inputs)?.put(live);
    this.spec.created?.(ctx, live);
    return live;
  }

  /** What `read` reports as the inputs: live values seen through the shape of the managed inputs. */
  liveInputs(ctx: Ctx, live: JsonObject, props: JsonObject): JsonObject {
    const writeOnly = new Set(this.of(ctx).rules.writeOnly ?? []);
    const inputs: JsonObject = pick(props, BOOKKEEPING_KEYS);
    for (const key of this.previousKeys(props)) {
      const value = writeOnly.has(key)
        ? props[key]
        : live[key] === undefined
          ? undefined
          : projectOnto(live[key], props[key]);
      if (value !== undefined) inputs[key] = value;
    }
    return inputs;
  }

  /**
   * Outputs: every live field, then the managed inputs under their own keys (so the next diff
   * compares inputs with inputs), bookkeeping, and the list of managed keys. Server-set outputs
   * the live object lacks are carried over from the previous state. Never `undefined`.
   */
  outputs(ctx: Ctx, live: JsonObject, inputs: JsonObject, previous?: JsonObject): JsonObject {
    const keys = managedKeysOf(inputs);
    const carried = previous ? pick(previous, this.of(ctx).rules.serverSet) : {};
    return stripUndefined({
      ...carried,
      ...live,
      ...pick(inputs, keys),
      ...pick(inputs, BOOKKEEPING_KEYS),
      [MANAGED_KEYS]: keys,
    });
  }
}
