import { z } from "zod";
import { bookkeeping } from "./common";
import type { ModelRules } from "./spec";

export const secretName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, { error: "expected letters, digits and _, not starting with a digit" })
  .describe('@example "WEATHER_API_KEY"');

export const workspaceSecretModel = z.strictObject({
  name: secretName,
  value: z.string().min(1, { error: "must not be empty" }).describe("Secret in state and in every output."),
  description: z.string().optional(),
  ...bookkeeping,
});
export type WorkspaceSecretInputs = z.infer<typeof workspaceSecretModel>;

/** Secrets have no update route, so every input replaces; the value is never returned by the API. */
export const workspaceSecretRules: ModelRules = {
  naturalKey: "name",
  uniqueNaturalKey: true,
  replaceOnChanges: ["name", "value", "description"],
  secretOutputs: ["value"],
  opaqueMaps: ["metadata"],
  serverSet: ["secretId", "createdAt", "lastUsed"],
  writeOnly: ["value"],
  profileOnly: ["description"],
};
