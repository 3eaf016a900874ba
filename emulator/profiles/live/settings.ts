import { z } from "zod";
import type { App } from "../../app";
import { validate } from "../../errors";
import { readJson } from "../../http-io";
import { fillDefaults, type JsonObject, mergePatch } from "../../merge-patch";
import type { WorkspaceRecord } from "../../models/workspace";
import type { Router } from "../../router";
import { ok } from "../../routes/resource";

/** The live settings live beside the seed's workspace record, under their own id. */
const SETTINGS_ID = "convai_settings";

/** PYT `get_conv_ai_settings_response_model.py`: flat, no wrapper. */
const settingsBody = z.looseObject({
  conversation_initiation_client_data_webhook: z
    .looseObject({ url: z.string(), request_headers: z.record(z.string(), z.unknown()).optional() })
    .nullable()
    .optional(),
  webhooks: z
    .looseObject({ post_call_webhook_id: z.string().nullable().optional(), events: z.array(z.string()).optional() })
    .optional(),
  can_use_mcp_servers: z.boolean().optional(),
  rag_retention_period_days: z.number().int().min(1).max(30).optional(),
});

const SETTINGS_DEFAULTS = {
  webhooks: { events: [], send_audio: false },
  can_use_mcp_servers: false,
  rag_retention_period_days: 10,
  conversation_embedding_retention_days: null,
  default_livekit_stack: "standard",
};

/** `GET`/`PATCH /v1/convai/settings` (live-vs-seed.md §2.8). */
export function liveSettingsRoutes(router: Router): void {
  router
    .add("GET", "/settings", ({ app }) => ok(current(app)))
    .add("PATCH", "/settings", async ({ app, req }) => {
      const merged = mergePatch(current(app), await readJson(req)) as JsonObject;
      const settings = fillDefaults(validate(settingsBody, merged), SETTINGS_DEFAULTS);
      app.store.put("workspace", SETTINGS_ID, settings as unknown as WorkspaceRecord);
      return ok(settings);
    });
}

function current(app: App): JsonObject {
  const stored = app.store.get("workspace", SETTINGS_ID) as unknown as JsonObject | undefined;
  return stored ?? fillDefaults({}, SETTINGS_DEFAULTS);
}
