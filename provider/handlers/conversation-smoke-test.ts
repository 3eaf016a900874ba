/**
 * `ConversationSmokeTest`: not an API object but an action with a verdict. create runs the
 * test; a change of any input (the script, an audio file's bytes, the agent, `triggers`,
 * `agentConfigHash`), or every `up` with `runOnEveryUp`, is an update that runs it again.
 *
 * - `mode: "enforce"` (default): a failed test throws the report, so `pulumi up` fails with it.
 *   A failed create is not recorded and a failed update keeps the previous inputs, so the next
 *   `up` sees the change again and tests again.
 * - `mode: "warn"`: the report becomes the outputs (`passed: false`, `report`); the SDK class
 *   turns it into an engine warning on the resource (the provider process has no engine log).
 * - Progress lines go to the provider's stdout, which the engine shows while the call runs.
 * - read returns the state as it is (nothing to read back); delete does nothing: the
 *   conversations stay in the agent's history.
 *
 * The API key comes from the stack config at call time; it never enters inputs or outputs.
 */
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { dynamic } from "@pulumi/pulumi";
import { configuredProviderConfig } from "../config";
import { type JsonObject, omit, pick } from "../diff/json";
import { conversationSmokeTestModel, type Script } from "../models/conversation-smoke-test";
import { type CheckFailure, validate } from "../models/validate";
import { executeSmokeTest, hashAudioFiles, SmokeTestFailedError } from "../smoke/index";
import type { SmokeResult } from "../smoke/types";

/** Inputs check derives: the audio files' hashes, and a fresh nonce per `up` for `runOnEveryUp`. */
const DERIVED = ["audioHashes", "runNonce"] as const;
const INPUT_KEYS = [...Object.keys(conversationSmokeTestModel.shape).filter((k) => k !== "creationToken"), ...DERIVED];

const forEngine = (f: CheckFailure): CheckFailure => ({ property: "", reason: `${f.property}: ${f.reason}` });

/** Prefix of the provider's progress lines in the engine's output. */
const label = (inputs: JsonObject) => `ConversationSmokeTest (agent ${String(inputs.agentId)})`;

export const conversationSmokeTestHandler: dynamic.ResourceProvider = {
  async check(_olds: JsonObject, news: JsonObject): Promise<dynamic.CheckResult> {
    const given = omit(news, [...Object.keys(news).filter((k) => k.startsWith("__")), ...DERIVED]);
    const result = validate(conversationSmokeTestModel, given, "ConversationSmokeTest");
    if (!result.ok) return { inputs: news, failures: result.failures.map(forEngine) };
    const inputs: JsonObject = { ...(result.data as JsonObject) };
    const { hashes, problems } = hashAudioFiles(result.data.steps);
    if (problems.length > 0) return { inputs: news, failures: problems.map(forEngine) };
    if (Object.keys(hashes).length > 0) inputs.audioHashes = hashes;
    // A value no two checks share: the diff always sees a change, so preview and up both say it runs.
    if (result.data.runOnEveryUp) inputs.runNonce = randomUUID();
    return { inputs };
  },

  async diff(_id: string, olds: JsonObject, news: JsonObject): Promise<dynamic.DiffResult> {
    const changed = INPUT_KEYS.filter((k) => !isDeepStrictEqual(olds[k], news[k]));
    return { changes: changed.length > 0, replaces: [] };
  },

  async create(inputs: JsonObject): Promise<dynamic.CreateResult> {
    return { id: `smoke_${randomUUID().replace(/-/g, "").slice(0, 16)}`, outs: await run(inputs) };
  },

  async update(_id: string, _olds: JsonObject, news: JsonObject): Promise<dynamic.UpdateResult> {
    return { outs: await run(news) };
  },

  async read(id: string, props: JsonObject): Promise<dynamic.ReadResult> {
    return { id, props, inputs: pick(props, INPUT_KEYS) };
  },

  async delete(): Promise<void> {
    // Nothing to remove: the conversations the test held stay in the agent's history.
  },
};

async function run(raw: JsonObject): Promise<JsonObject> {
  const inputs = omit(raw, ["__provider"]);
  const { apiKey, baseUrl, profile } = configuredProviderConfig();
  const prefix = label(inputs);
  const { result, report } = await executeSmokeTest(inputs as unknown as Script, {
    apiKey,
    baseUrl,
    profile,
    junitPath: inputs.junitPath as string | undefined,
    jsonReportPath: inputs.jsonReportPath as string | undefined,
    progress: (line) => console.log(`${prefix}: ${line}`),
  });
  if (!result.passed && inputs.mode !== "warn") throw new SmokeTestFailedError(report);
  console.log(`${prefix}: ${result.passed ? "passed" : "FAILED (mode: warn)"}`);
  return { ...inputs, ...outputsOf(result, report) };
}

/** The outputs the SDK declares (`conversationSmokeTestRules.serverSet`), JSON-clean (no `undefined`). */
function outputsOf(result: SmokeResult, report: string): JsonObject {
  const outs = {
    passed: result.passed,
    conversationIds: result.runs.flatMap((r) => (r.conversationId ? [r.conversationId] : [])),
    stepResults: result.runs.flatMap((r, run) => r.steps.map((s) => ({ run: run + 1, ...s }))),
    latency: result.latency,
    audio: result.runs.find((r) => r.audio)?.audio ?? {},
    report,
    runs: result.runs.length,
    passedRuns: result.passedRuns,
  };
  return JSON.parse(JSON.stringify(outs)) as JsonObject;
}
