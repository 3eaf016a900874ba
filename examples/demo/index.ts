/**
 * The demo program deployed by `npm run demo` (see the top-level Pulumi.yaml): the YAML
 * definitions in `definitions/` — one of each ElevenLabs ConvAI resource and a smoke test that
 * calls the agent — through one ConvaiWorkspace. scripts/demo.mjs prints these outputs.
 */
import { join } from "node:path";
import * as elevenlabs from "pulumi-elevenlabs";

// Compiled to dist/examples/demo/; the definitions stay in the source tree, where a user edits them.
// DEMO_DEFINITIONS points at another copy (the demo's own test edits one of its own).
const directory = process.env.DEMO_DEFINITIONS ?? join(__dirname, "../../../examples/demo/definitions");

const workspace = new elevenlabs.ConvaiWorkspace("convai", { directory });
const widget = workspace.resources.widget?.support as elevenlabs.Widget;
const smokeTest = workspace.resources.conversation_smoke_test?.support as elevenlabs.ConversationSmokeTest;

/** Ids by kind and definition name, e.g. ids.agent.support. */
export const ids = workspace.ids;
export const widgetEmbedCode = widget.embedCode;
export const smokeTestPassed = smokeTest.passed;
/** The report of the smoke test's last run (it runs when it or a definition it refers to changes). */
export const smokeTestReport = smokeTest.report;
