/**
 * Every object in `definitions/` (one YAML file each), with the overlays of the current stack
 * from `overlays/<stack>/` merged over them. `pulumi preview` shows exactly the fields an edit
 * changes; a mistake in any file stops the program before anything is deployed.
 */
import * as elevenlabs from "pulumi-elevenlabs";

const workspace = new elevenlabs.ConvaiWorkspace("convai", { directory: "definitions", overlays: "overlays" });

/** Ids by kind and definition name, e.g. ids.agent.support. */
export const ids = workspace.ids;
