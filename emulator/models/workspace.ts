import { z } from "zod";
import { nonEmpty, webhookConfig } from "./common";

/** The workspace after a `PATCH` merge. `settings.webhook` is this emulator's choice (README). */
export const workspaceBody = z.looseObject({
  name: nonEmpty,
  settings: z.looseObject({
    data_retention_days: z.number().int().min(0).optional(),
    gdpr_compliant: z.boolean().optional(),
    eu_data_residency: z.boolean().optional(),
    allowed_llm_providers: z.array(z.string()).optional(),
    default_voice_settings: z
      .looseObject({
        stability: z.number().min(0).max(1).optional(),
        similarity_boost: z.number().min(0).max(1).optional(),
      })
      .optional(),
    webhook: webhookConfig.optional(),
  }),
});

export type WorkspaceRecord = z.infer<typeof workspaceBody> & { workspace_id: string; updated_at: string };

export const WORKSPACE_DEFAULTS = {
  name: "Emulator Workspace",
  settings: {
    data_retention_days: 90,
    gdpr_compliant: true,
    eu_data_residency: false,
    allowed_llm_providers: ["openai", "anthropic", "google"],
    default_voice_settings: { stability: 0.5, similarity_boost: 0.75 },
  },
};

export const secretBody = z.looseObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "must be letters, digits and _, not starting with a digit"),
  value: nonEmpty,
  description: z.string().optional(),
});

export type SecretRecord = z.infer<typeof secretBody> & {
  secret_id: string;
  created_at: string;
  last_used: string | null;
};

/** The one place a secret leaves the store: without its value. */
export function presentSecret(secret: SecretRecord) {
  const { value: _value, ...rest } = secret;
  return rest;
}

export interface AvatarRecord {
  agent_id: string;
  mime_type: string;
  bytes_base64: string;
  updated_at: string;
}
