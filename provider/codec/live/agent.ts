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
  writable(api) {
    const config = isPlainObject(api.conversation_config) ? api.conversation_config : undefined;
    const agent = isPlainObject(config?.agent) ? config.agent : undefined;
    const prompt = isPlainObject(agent?.prompt) ? agent.prompt : undefined;
    if (!config || !agent || !prompt || !("tools" in prompt) || !Array.isArray(prompt.tool_ids)) return api;
    const { tools: _echoed, ...kept } = prompt;
    return { ...api, conversation_config: { ...config, agent: { ...agent, prompt: kept } } };
  },
};

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
