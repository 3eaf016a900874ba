import * as pulumi from "@pulumi/pulumi";
import type { WorkspaceSecretInputs } from "../provider/models/workspace-secret";
import { type ArgsOf, resourceArgs } from "./resource";

export type WorkspaceSecretArgs = ArgsOf<WorkspaceSecretInputs>;

/** A workspace secret. `value` is secret everywhere; any change replaces the secret (the API has no update). */
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

  constructor(name: string, args: WorkspaceSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("WorkspaceSecret", name, args, opts));
    this.secretId = this.id;
  }
}
