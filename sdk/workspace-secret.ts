import * as pulumi from "@pulumi/pulumi";
import type { WorkspaceSecretInputs } from "../provider/models/workspace-secret";
import { workspaceSecretRules } from "../provider/models/workspace-secret";
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

  constructor(name: string, args: WorkspaceSecretArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = ["name", "value", "description", "createdAt"];
    super(...resourceArgs("WorkspaceSecret", name, args, outputs, opts, workspaceSecretRules.secretOutputs));
    this.secretId = this.id;
  }
}
