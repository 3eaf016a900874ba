/**
 * A codec is the one place where a kind's model meets the wire: `encode` turns the model
 * (camelCase, the resource's own shape) into the API's body (snake_case, the API's structure),
 * `decode` turns an API object back into the model. Handlers, the diff and crash recovery only
 * ever see the model; case conversion happens here and nowhere else.
 */
import { isPlainObject, type JsonObject } from "../diff/json";
import { fromApi, type OpaquePaths, toApi } from "./case";

export interface Codec {
  /** Model → API body. Works on whole models, partial ones and merge patches (null = removal) alike. */
  encode(model: JsonObject): JsonObject;
  /**
   * API object → model. `state` (the inputs or previous outputs) says what the program declared
   * where the wire alone cannot tell (which tool headers are secret).
   */
  decode(api: JsonObject, state?: JsonObject): JsonObject;
  /** The model with every key spelled as a decoded API object would spell it (check stores this). */
  canonical(model: JsonObject): JsonObject;
  /**
   * Makes an API-shaped body fit to send. `sent` is what the program means to write when the body
   * was assembled from a live object with it applied (see ResourceHandler.patch).
   */
  writable(api: JsonObject, sent?: JsonObject): JsonObject;
  /**
   * Whether a creation token given in the model's `metadata` map survives a round trip through
   * the API (the contract keeps `metadata`; the live agent codec keeps it in a tag). Where it does
   * not, crash recovery falls back to the natural key (see handlers/recovery.ts).
   */
  readonly keepsCreationToken: boolean;
}

/** Where a kind's API structure differs from its model beyond key case. Both work in model case. */
export interface ShapeHooks {
  /** Model → the API's structure (still model case); must also map merge patches. */
  toWire?(model: JsonObject): JsonObject;
  /** The API's structure (model case) → model; `state` as in {@link Codec.decode}. */
  fromWire?(wire: JsonObject, state: JsonObject): JsonObject;
  /** Last step towards the API, in API case: what the API refuses to receive (also bodies built from its answers). */
  writable?(api: JsonObject, sent?: JsonObject): JsonObject;
  /** @default true */
  keepsCreationToken?: boolean;
}

/** A codec from the kind's opaque maps (user data whose keys are never converted) and its shape hooks. */
export function modelCodec(opaque: OpaquePaths, hooks: ShapeHooks = {}): Codec {
  const writable = (api: JsonObject, sent?: JsonObject) => (hooks.writable ? hooks.writable(api, sent) : api);
  return {
    keepsCreationToken: hooks.keepsCreationToken ?? true,
    writable,
    encode: (model) => writable(toApi<JsonObject>(hooks.toWire ? hooks.toWire(model) : model, opaque)),
    decode(api, state = {}) {
      const wire = fromApi<JsonObject>(api, opaque);
      return hooks.fromWire ? hooks.fromWire(wire, state) : wire;
    },
    canonical: (model) => fromApi<JsonObject>(toApi(model, opaque), opaque),
  };
}

/** `decode` for answers that may be empty or not an object (a delete's `{}`, a list's items). */
export function decodeObject(codec: Codec, api: unknown, state?: JsonObject): JsonObject {
  return isPlainObject(api) ? codec.decode(api, state) : {};
}
