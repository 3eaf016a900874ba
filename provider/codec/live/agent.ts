import { isPlainObject, type JsonObject } from "../../diff/json";
import { CREATION_TOKEN_METADATA_KEY } from "../../models/spec";
import type { ShapeHooks } from "../codec";

/** The tag that carries a creation token on a live agent (live agents have tags, not metadata). */
export const CREATION_TAG_PREFIX = "pulumi-creation:";

/**
 * Live agents. Crash recovery needs the creation token to survive a round trip: the live API
 * keeps no `metadata` map on agents, so the token travels as the tag `pulumi-creation:<token>`
 * and is read back into `metadata` (where recovery looks) and out of `tags` (so a program that
 * sets tags sees exactly its own). `prompt.tools` is never sent next to `prompt.tool_ids`: GET
 * answers both, and a write with both is refused (the vendor CLI strips `tools` the same way).
 */
export const liveAgentShape: ShapeHooks = {
  toWire(model) {
    if (!isPlainObject(model.metadata) || !(CREATION_TOKEN_METADATA_KEY in model.metadata)) return model;
    const { [CREATION_TOKEN_METADATA_KEY]: token, ...metadata } = model.metadata;
    const { metadata: _dropped, ...rest } = model;
    const tags = Array.isArray(model.tags) ? model.tags : [];
    return {
      ...rest,
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
      tags: [...tags, `${CREATION_TAG_PREFIX}${String(token)}`],
    };
  },
  fromWire(wire) {
    if (!Array.isArray(wire.tags)) return wire;
    const marker = wire.tags.find((t): t is string => typeof t === "string" && t.startsWith(CREATION_TAG_PREFIX));
    if (marker === undefined) return wire;
    const metadata = isPlainObject(wire.metadata) ? wire.metadata : {};
    return {
      ...wire,
      tags: wire.tags.filter((t) => t !== marker),
      metadata: { ...metadata, [CREATION_TOKEN_METADATA_KEY]: marker.slice(CREATION_TAG_PREFIX.length) },
    };
  },
  /**
   * Of `tools` and `tool_ids`, keeps the one the program writes: `tool_ids` unless it writes only
   * the (deprecated) inline `tools`, as a body assembled from GET has both.
   */
  writable(api, sent = api) {
    const prompt = promptOf(api);
    if (!prompt || !("tools" in prompt) || !("tool_ids" in prompt)) return api;
    const wrote = promptOf(sent) ?? {};
    const drop = "tools" in wrote && !("tool_ids" in wrote) ? "tool_ids" : "tools";
    const { [drop]: _echoed, ...kept } = prompt;
    const config = api.conversation_config as JsonObject;
    const agent = config.agent as JsonObject;
    return { ...api, conversation_config: { ...config, agent: { ...agent, prompt: kept } } };
  },
};

/** `conversation_config.agent.prompt` of an API body, if it has one. */
function promptOf(api: JsonObject): JsonObject | undefined {
  const config = api.conversation_config;
  const agent = isPlainObject(config) ? config.agent : undefined;
  const prompt = isPlainObject(agent) ? agent.prompt : undefined;
  return isPlainObject(prompt) ? prompt : undefined;
}

/** Renames the live API's `id` to the model's id field, both ways. */
export function renamedId(modelField: string): Pick<ShapeHooks, "toWire" | "fromWire"> {
  return {
    toWire(model) {
      if (!(modelField in model)) return model;
      const { [modelField]: id, ...rest } = model;
      return { ...rest, id } as JsonObject;
    },
    fromWire(wire) {
      if (!("id" in wire)) return wire;
      const { id, ...rest } = wire;
      return { [modelField]: id, ...rest };
    },
  };
}
