import * as pulumi from "@pulumi/pulumi";
import type { LiveToolInputs } from "../provider/models/live/tool";
import type { ToolInputs } from "../provider/models/tool";
import { type ArgsOf, resourceArgs } from "./resource";

/** The contract's tool (`seed`) or the live API's create-tool body `{ toolConfig, responseMocks }` (`live`). */
export type ToolArgs = ArgsOf<ToolInputs> | ArgsOf<LiveToolInputs>;

/**
 * A server (webhook) or client tool agents can call. Changing `type` replaces it. Header values
 * that must stay secret go in `secretHeaders`: they are sent inside `serverTool.headers` but
 * kept secret in state. In the live API profile the inputs are `{ toolConfig, responseMocks }`
 * (secret headers go into `toolConfig.apiSchema.requestHeaders`) and every change updates in place.
 */
export class Tool extends pulumi.dynamic.Resource {
  /** The tool's id (= the resource id, known during update previews). */
  declare readonly toolId: pulumi.Output<string>;
  declare readonly type: pulumi.Output<"server" | "client">;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly serverTool: pulumi.Output<ToolInputs["serverTool"]>;
  declare readonly clientTool: pulumi.Output<ToolInputs["clientTool"]>;
  /** Secret. */
  declare readonly secretHeaders: pulumi.Output<Record<string, string> | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** Live: the whole tool configuration. */
  declare readonly toolConfig: pulumi.Output<LiveToolInputs["toolConfig"]>;
  declare readonly responseMocks: pulumi.Output<LiveToolInputs["responseMocks"]>;
  declare readonly accessInfo: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly usageStats: pulumi.Output<Record<string, unknown> | undefined>;

  constructor(name: string, args: ToolArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("Tool", name, args, opts));
    this.toolId = this.id;
  }
}
