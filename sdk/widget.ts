import * as pulumi from "@pulumi/pulumi";
import type { LiveWidgetInputs } from "../provider/models/live/widget";
import type { WidgetInputs } from "../provider/models/widget";
import { type ArgsOf, resourceArgs } from "./resource";

/** The contract's widget (`seed`), or the agent's `platformSettings.widget` fields to manage in `config` (`live`). */
export type WidgetArgs = ArgsOf<WidgetInputs, "avatarHash"> | ArgsOf<LiveWidgetInputs, "avatarHash">;

/**
 * The embeddable widget of an agent, with an optional avatar uploaded from a local image
 * (re-uploaded when its sha256 changes). Deleting it removes nothing server-side: the widget
 * exists as long as its agent does. In the live API profile `config` manages the agent's
 * `platformSettings.widget` (leave that unset on the Agent resource).
 */
export class Widget extends pulumi.dynamic.Resource {
  /** = the resource id. */
  declare readonly widgetId: pulumi.Output<string>;
  declare readonly agentId: pulumi.Output<string>;
  /** The `<script>` tag to paste into a page. */
  declare readonly embedCode: pulumi.Output<string>;
  declare readonly config: pulumi.Output<Record<string, unknown>>;
  declare readonly avatarPath: pulumi.Output<string | undefined>;
  /** sha256 of the avatar file. */
  declare readonly avatarHash: pulumi.Output<string | undefined>;

  constructor(name: string, args: WidgetArgs, opts?: pulumi.CustomResourceOptions) {
    super(...resourceArgs("Widget", name, args, opts));
    this.widgetId = this.id;
  }
}
