import { isPlainObject, type JsonObject } from "../../diff/json";
import type { ShapeHooks } from "../codec";
import { renamedId } from "./agent";

const id = renamedId("toolId");

/**
 * Live tools: `id` is the model's `toolId`; `secretHeaders` travel inside
 * `tool_config.api_schema.request_headers` and are split back out by the names the program
 * declares secret, so their values only ever sit in the secret `secretHeaders` output.
 */
export const liveToolShape: ShapeHooks = {
  keepsCreationToken: false,
  toWire(model) {
    const { secretHeaders, ...rest } = id.toWire?.(model) ?? model;
    if (!isPlainObject(secretHeaders)) return rest;
    const config = isPlainObject(rest.toolConfig) ? rest.toolConfig : {};
    const schema = isPlainObject(config.apiSchema) ? config.apiSchema : {};
    const headers = isPlainObject(schema.requestHeaders) ? schema.requestHeaders : {};
    const merged = { ...headers, ...secretHeaders };
    return { ...rest, toolConfig: { ...config, apiSchema: { ...schema, requestHeaders: merged } } };
  },
  fromWire(api, state) {
    const wire = id.fromWire?.(api, state) ?? api;
    const secretNames = isPlainObject(state.secretHeaders) ? Object.keys(state.secretHeaders) : [];
    const config = wire.toolConfig;
    if (secretNames.length === 0 || !isPlainObject(config) || !isPlainObject(config.apiSchema)) return wire;
    const headers = config.apiSchema.requestHeaders;
    if (!isPlainObject(headers)) return wire;
    const plain: JsonObject = {};
    const secret: JsonObject = {};
    for (const [name, value] of Object.entries(headers)) (secretNames.includes(name) ? secret : plain)[name] = value;
    const apiSchema = { ...config.apiSchema, requestHeaders: plain };
    return { ...wire, toolConfig: { ...config, apiSchema }, secretHeaders: secret };
  },
};
