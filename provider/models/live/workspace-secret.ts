import { z } from "zod";
import { bookkeeping } from "../common";
import type { ModelRules } from "../spec";
import { secretName } from "../workspace-secret";

/** A workspace secret (live-vs-seed.md §2.9): the live API updates name and value in place. */
export const liveWorkspaceSecretModel = z.strictObject({
  name: secretName,
  value: z.string().min(1, { error: "must not be empty" }).describe("Secret in state and in every output."),
  ...bookkeeping,
});

export const liveWorkspaceSecretRules: ModelRules = {
  naturalKey: "name",
  uniqueNaturalKey: true,
  replaceOnChanges: [],
  secretOutputs: ["value"],
  opaqueMaps: [],
  serverSet: ["secretId", "type", "usedBy"],
  writeOnly: ["value"],
};
export type LiveWorkspaceSecretInputs = z.infer<typeof liveWorkspaceSecretModel>;
