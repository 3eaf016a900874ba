import { z } from "zod";
import { bookkeeping, freeFormMap, httpUrl, nonEmpty } from "./common";
import type { ModelRules } from "./spec";

const parameter = z.looseObject({
  name: nonEmpty,
  type: z.enum(["string", "number", "integer", "boolean", "object", "array"]),
  description: z.string().optional(),
  required: z.boolean().optional(),
  location: z.enum(["path", "query", "body", "header"]).optional().describe("Server tools only."),
  default: z.unknown().optional(),
  enum: z.array(z.unknown()).optional(),
});

export const toolModel = z
  .looseObject({
    type: z
      .enum(["server", "client"])
      .describe("`server` (a webhook the platform calls) or `client`. Changing it replaces the tool."),
    name: nonEmpty.describe('@example "get_weather"'),
    description: z.string().optional(),
    serverTool: z
      .looseObject({
        url: httpUrl.describe("May hold `{placeholders}` for path parameters."),
        method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
        headers: z
          .record(z.string(), z.string())
          .optional()
          .describe("Plain headers; put secret values in `secretHeaders`."),
        parameters: z.array(parameter).optional(),
        responseSchema: freeFormMap.optional().describe("A JSON Schema, kept verbatim."),
      })
      .optional(),
    clientTool: z
      .looseObject({ parameters: z.array(parameter).optional(), eventName: z.string().optional() })
      .optional(),
    secretHeaders: z
      .record(z.string(), z.string())
      .optional()
      .describe("Headers whose values stay secret in state; merged into `serverTool.headers` on the wire."),
    ...bookkeeping,
  })
  .superRefine((tool, ctx) => {
    if (tool.type === "server" && tool.serverTool === undefined) {
      ctx.addIssue({ code: "custom", path: ["serverTool"], message: 'is required when type is "server"' });
    }
    if (tool.type === "client" && (tool.serverTool !== undefined || tool.secretHeaders !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["type"], message: "a client tool takes no serverTool or secretHeaders" });
    }
  });
export type ToolInputs = z.infer<typeof toolModel>;

export const toolRules: ModelRules = {
  naturalKey: "name",
  replaceOnChanges: ["type"],
  secretOutputs: ["secretHeaders"],
  opaqueMaps: [
    "serverTool.headers",
    "secretHeaders",
    "serverTool.responseSchema",
    ...["serverTool", "clientTool"].flatMap((t) =>
      ["default", "enum", "schema", "properties", "items"].map((f) => `${t}.parameters.${f}`),
    ),
    "metadata",
  ],
  serverSet: ["toolId", "createdAt", "updatedAt"],
  profileOnly: ["type", "serverTool", "clientTool"],
};
