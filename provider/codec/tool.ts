import { isPlainObject, type JsonObject } from "../diff/json";
import type { ShapeHooks } from "./codec";

/**
 * Tools: `secretHeaders` travel inside `server_tool.headers` on the wire and are split back out
 * by the header names the program declares secret, so their values only ever sit in the secret
 * `secretHeaders` output, never in `serverTool.headers`.
 */
export const toolShape: ShapeHooks = {
  toWire(model) {
    if (!("secretHeaders" in model)) return model;
    const { secretHeaders, ...rest } = model;
    // In a merge patch `secretHeaders: null` means "all removed"; the per-key nulls come from the diff of encoded forms.
    if (!isPlainObject(secretHeaders)) return rest;
    const serverTool = isPlainObject(rest.serverTool) ? rest.serverTool : {};
    const headers = isPlainObject(serverTool.headers) ? serverTool.headers : {};
    return { ...rest, serverTool: { ...serverTool, headers: { ...headers, ...secretHeaders } } };
  },
  fromWire(wire, state) {
    const secretNames = isPlainObject(state.secretHeaders) ? Object.keys(state.secretHeaders) : [];
    const serverTool = wire.serverTool;
    if (!isPlainObject(serverTool) || !isPlainObject(serverTool.headers)) return wire;
    const plain: JsonObject = {};
    const secret: JsonObject = {};
    for (const [name, value] of Object.entries(serverTool.headers))
      (secretNames.includes(name) ? secret : plain)[name] = value;
    const out: JsonObject = { ...wire, serverTool: { ...serverTool, headers: plain } };
    if (secretNames.length > 0) out.secretHeaders = secret;
    return out;
  },
};
