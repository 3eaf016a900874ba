import * as pulumi from "@pulumi/pulumi";
import type { WorkspaceSettingsInputs } from "../provider/models/workspace-settings";
import { type ArgsOf, resourceArgs } from "./resource";

export type WorkspaceSettingsArgs = ArgsOf<WorkspaceSettingsInputs, "adoptId">;

/**
 * The workspace settings (one per workspace: declare it once). Only the keys in `settings` are
 * managed; destroying the resource restores them to their values before it managed them
 * (`previousSettings`; keys it added are removed).
 */
export class WorkspaceSettings extends pulumi.dynamic.Resource {
  /** = the resource id. */
  declare readonly workspaceId: pulumi.Output<string>;
  declare readonly settings: pulumi.Output<WorkspaceSettingsInputs["settings"]>;
  /** Secret (it may hold an earlier webhook secret). The managed keys' values before this resource first set them (null = did not exist). */
  declare readonly previousSettings: pulumi.Output<Record<string, unknown>>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: WorkspaceSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("WorkspaceSettings", name, args, opts));
    this.workspaceId = this.id;
  }
}
