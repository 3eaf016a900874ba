import { z } from "zod";
import { httpUrl, nonEmpty } from "./common";

const parameter = z.looseObject({
  name: nonEmpty,
  type: z.enum(["string", "number", "integer", "boolean", "object", "array"]),
  description: z.string().optional(),
  required: z.boolean().optional(),
  location: z.enum(["path", "query", "body", "header"]).optional(),
  enum: z.array(z.unknown()).optional(),
});

/** Body of `POST /tools`, and of a tool after a `PATCH` merge. */
export const toolBody = z
  .looseObject({
    type: z.enum(["server", "client"]),
    name: nonEmpty,
    description: z.string().optional(),
    server_tool: z
      .looseObject({
        url: httpUrl.optional(),
        method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
        headers: z.record(z.string(), z.string()).optional(),
        parameters: z.array(parameter).optional(),
        response_schema: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    client_tool: z
      .looseObject({
        parameters: z.array(parameter).optional(),
        event_name: z.string().optional(),
      })
      .optional(),
  })
  .superRefine(
    (tool, ctx) => {
      if (tool.type === "server" && tool.server_tool?.url === undefined) {
        ctx.addIssue({ code: "custom", path: ["server_tool", "url"], message: "is required for server tools" });
      }
    },
    // Also when other fields failed (zod skips refinements then), so every problem is reported at
    // once; only a bad `type` or `server_tool`, which this check reads, makes it pointless.
    { when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === "type" || issue.path?.[0] === "server_tool") },
  );

export type ToolRecord = z.infer<typeof toolBody> & { tool_id: string; created_at: string; updated_at: string };

/** Per type, so a client tool never grows a `server_tool`. See README. */
export const TOOL_DEFAULTS = {
  server: { description: "", server_tool: { method: "GET", headers: {}, parameters: [], timeout_seconds: 20 } },
  client: { description: "", client_tool: { parameters: [], expects_response: false } },
} as const;
