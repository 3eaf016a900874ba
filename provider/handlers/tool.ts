import { isPlainObject, type JsonObject } from "../diff/json";
import { MODELS } from "../models/index";
import { ResourceHandler } from "./resource-handler";

/**
 * Tools: `secretHeaders` travel inside `server_tool.headers` on the wire and are split back out
 * on read (by the header names the program declares secret), so their values only ever sit in
 * the secret `secretHeaders` output, never in `serverTool.headers`.
 */
export const toolHandler = new ResourceHandler({
  kind: "Tool",
  ...MODELS.Tool,
  idField: "tool_id",
  routes: {
    create: "tools.create",
    get: "tools.get",
    update: "tools.update",
    delete: "tools.delete",
    list: "tools.list",
  },
  pathParams: (id) => ({ tool_id: id }),
  naturalKey: "name",
  toWire(desired) {
    if (!("secretHeaders" in desired)) return desired;
    const { secretHeaders, ...rest } = desired;
    // In a merge patch `secretHeaders: null` means "all removed"; the per-key nulls come from the diff of wire forms.
    if (!isPlainObject(secretHeaders)) return rest;
    const serverTool = isPlainObject(rest.serverTool) ? rest.serverTool : {};
    const headers = isPlainObject(serverTool.headers) ? serverTool.headers : {};
    return { ...rest, serverTool: { ...serverTool, headers: { ...headers, ...secretHeaders } } };
  },
  fromWire(live, state) {
    const secretNames = isPlainObject(state.secretHeaders) ? Object.keys(state.secretHeaders) : [];
    const serverTool = live.serverTool;
    if (!isPlainObject(serverTool) || !isPlainObject(serverTool.headers)) return live;
    const plain: JsonObject = {};
    const secret: JsonObject = {};
    for (const [name, value] of Object.entries(serverTool.headers))
      (secretNames.includes(name) ? secret : plain)[name] = value;
    const out: JsonObject = { ...live, serverTool: { ...serverTool, headers: plain } };
    if (secretNames.length > 0) out.secretHeaders = secret;
    return out;
  },
});
