import { z } from "zod";
import { httpUrl } from "../../models/common";
import type { ToolRecord } from "../../models/tool";
import type { ToolParameter, ToolSpec } from "../profile";
import { ACCESS_INFO } from "./common";

/** Tool names the live API accepts (a function name for the model). Stricter than the seed's. */
const toolName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -");

const secretLocator = z.looseObject({ secret_id: z.string().min(1) });
const headerValue = z.union([z.string(), secretLocator, z.looseObject({ variable_name: z.string() })]);
const schemaObject = z.looseObject({ properties: z.record(z.string(), z.looseObject({})).optional() });

const common = {
  name: toolName,
  description: z.string(),
  response_timeout_secs: z.number().int().min(1).max(120).optional(),
};

const webhook = z.looseObject({
  type: z.literal("webhook"),
  ...common,
  api_schema: z.looseObject({
    url: httpUrl,
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
    request_headers: z.record(z.string(), headerValue).optional(),
    path_params_schema: z.record(z.string(), z.looseObject({})).optional(),
    query_params_schema: schemaObject.optional(),
    request_body_schema: schemaObject.optional(),
  }),
});
const client = z.looseObject({
  type: z.literal("client"),
  ...common,
  parameters: schemaObject.optional(),
  expects_response: z.boolean().optional(),
});
/** `system` and `mcp` tools are stored and returned, not run by the emulator's agent. */
const other = z.looseObject({ type: z.enum(["system", "mcp"]), name: toolName, description: z.string().optional() });

/** Body of `POST`/`PATCH /v1/convai/tools` (PYT `tool_request_model.py`): the whole `tool_config`. */
export const liveToolBody = z.looseObject({
  tool_config: z.discriminatedUnion("type", [webhook, client, other]),
  response_mocks: z.array(z.looseObject({})).optional(),
});

export const LIVE_TOOL_READ_ONLY = ["id", "access_info", "usage_stats"];

/** Filled per type when left out; README "Live profile". */
export const LIVE_TOOL_DEFAULTS: Record<string, object> = {
  webhook: {
    tool_config: {
      response_timeout_secs: 20,
      disable_interruptions: false,
      force_pre_tool_speech: false,
      assignments: [],
      api_schema: { method: "GET", request_headers: {}, path_params_schema: {} },
    },
    response_mocks: [],
  },
  client: {
    tool_config: {
      response_timeout_secs: 20,
      disable_interruptions: false,
      force_pre_tool_speech: false,
      assignments: [],
      expects_response: false,
    },
    response_mocks: [],
  },
  system: { response_mocks: [] },
  mcp: { response_mocks: [] },
};

type LiveTool = { tool_id: string; tool_config: { type: string } & Record<string, unknown> } & Record<string, unknown>;

export const liveToolConfigOf = (tool: ToolRecord) => (tool as unknown as LiveTool).tool_config;

/** PYT `tool_response_model.py`. */
export function renderLiveTool(tool: ToolRecord) {
  const { tool_id, created_at: _c, updated_at: _u, calls, ...rest } = tool as unknown as LiveTool;
  return {
    id: tool_id,
    ...rest,
    access_info: ACCESS_INFO,
    usage_stats: { total_calls: typeof calls === "number" ? calls : 0, avg_latency_secs: 0 },
  };
}

/** A live tool as the conversation engine runs it: parameters from the api_schema's three schemas. */
export function liveToolSpec(tool: ToolRecord): ToolSpec {
  const c = liveToolConfigOf(tool) as Record<string, any>;
  const api = (c.api_schema ?? {}) as Record<string, any>;
  const params = (schema: Record<string, any> | undefined, location?: string): ToolParameter[] =>
    Object.entries((schema ?? {}) as Record<string, Record<string, unknown>>).map(([name, p]) => ({
      ...p,
      name,
      type: String(p.type ?? "string"),
      ...(location ? { location } : {}),
    }));
  const kind = c.type === "webhook" ? "server" : c.type === "client" ? "client" : "other";
  return {
    tool_id: tool.tool_id,
    name: String(c.name),
    description: String(c.description ?? ""),
    type: String(c.type),
    kind,
    url: api.url,
    method: api.method ?? "GET",
    headers: api.request_headers ?? {},
    timeoutSeconds: c.response_timeout_secs ?? 20,
    parameters:
      kind === "server"
        ? [
            ...params(api.path_params_schema, "path"),
            ...params(api.query_params_schema?.properties, "query"),
            ...params(api.request_body_schema?.properties, "body"),
          ]
        : params(c.parameters?.properties),
    expectsResponse: c.expects_response === true,
  };
}
