import * as pulumi from "@pulumi/pulumi";
import type { LiveWorkspaceSecretInputs } from "../provider/models/live/workspace-secret";
import type { WorkspaceSecretInputs } from "../provider/models/workspace-secret";
import { type ArgsOf, resourceArgs } from "./resource";

export type WorkspaceSecretArgs = ArgsOf<WorkspaceSecretInputs> | ArgsOf<LiveWorkspaceSecretInputs>;

/**
 * A workspace secret. `value` is secret everywhere. Any change replaces the secret in the seed
 * profile (the contract has no update); the live API updates name and value in place.
 */
export class WorkspaceSecret extends pulumi.dynamic.Resource {
  /** = the resource id. */
  declare readonly secretId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  /** Secret. */
  declare readonly value: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  /** When the platform last used the secret (null until then). */
  declare readonly lastUsed: pulumi.Output<string | null>;
  /** Live: `"stored"`. */
  declare readonly type: pulumi.Output<string | undefined>;
  /** Live: the tools, agents and numbers that use it. */
  declare readonly usedBy: pulumi.Output<Record<string, unknown> | undefined>;

  constructor(name: string, args: WorkspaceSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("WorkspaceSecret", name, args, opts));
    this.secretId = this.id;
  }
}
