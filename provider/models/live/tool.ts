import { z } from "zod";
import { bookkeeping, nonEmpty } from "../common";
import type { ModelRules } from "../spec";

/** A header value: plain text, a workspace secret `{ secretId }`, or a dynamic variable `{ variableName }`. */
const headerValue = z.union([z.string(), z.looseObject({})]);

/** A tool as the live API's create-tool body has it: `{ toolConfig, responseMocks }` (live-vs-seed.md §2.4). */
export const liveToolModel = z
  .looseObject({
    toolConfig: z
      .looseObject({
        type: z.enum(["webhook", "client", "system", "mcp"]),
        name: nonEmpty.describe('@example "get_weather"'),
        description: z.string().optional(),
        apiSchema: z
          .looseObject({
            url: nonEmpty.describe("May hold `{placeholders}` for path parameters."),
            method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
            requestHeaders: z
              .record(z.string(), headerValue)
              .optional()
              .describe("Plain headers or `{ secretId }`; put secret literal values in `secretHeaders`."),
            pathParamsSchema: z.record(z.string(), z.looseObject({})).optional(),
            queryParamsSchema: z.looseObject({}).optional(),
            requestBodySchema: z.looseObject({}).optional(),
          })
          .optional()
          .describe("Webhook tools: the request the platform makes."),
        parameters: z
          .looseObject({})
          .optional()
          .describe("Client tools: a JSON Schema object, kept verbatim below `properties`."),
        expectsResponse: z.boolean().optional(),
        responseTimeoutSecs: z.number().int().positive().optional(),
      })
      .describe("The tool's configuration, sent whole on every update."),
    responseMocks: z.array(z.looseObject({})).optional(),
    secretHeaders: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        "Headers whose values stay secret in state; merged into `toolConfig.apiSchema.requestHeaders` on the wire.",
      ),
    ...bookkeeping,
  })
  .superRefine((tool, ctx) => {
    const type = tool.toolConfig?.type;
    if (type === "webhook" && tool.toolConfig.apiSchema === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["toolConfig", "apiSchema"],
        message: 'is required when type is "webhook"',
      });
    }
    if (type !== undefined && type !== "webhook" && tool.secretHeaders !== undefined) {
      ctx.addIssue({ code: "custom", path: ["secretHeaders"], message: "only webhook tools send headers" });
    }
  });
export type LiveToolInputs = z.infer<typeof liveToolModel>;

const schemaMaps = ["pathParamsSchema", "queryParamsSchema.properties", "requestBodySchema.properties"];

export const liveToolRules: ModelRules = {
  naturalKey: "toolConfig.name",
  replaceOnChanges: [],
  secretOutputs: ["secretHeaders"],
  opaqueMaps: [
    "toolConfig.apiSchema.requestHeaders",
    "secretHeaders",
    ...schemaMaps.map((p) => `toolConfig.apiSchema.${p}`),
    "toolConfig.apiSchema.responseBodySchema",
    "toolConfig.parameters.properties",
    "toolConfig.dynamicVariables.dynamicVariablePlaceholders",
  ],
  serverSet: ["toolId", "accessInfo", "usageStats"],
  profileOnly: ["toolConfig", "responseMocks"],
};
