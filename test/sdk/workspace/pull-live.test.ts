import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ElevenLabsClient } from "../../../provider/client/client";
import { WorkspaceDefinitionError } from "../../../sdk/workspace/errors";
import { loadDefinitions } from "../../../sdk/workspace/loader";
import { readWorkspace } from "../../../sdk/workspace/pull";
import { type PulledFiles, pulledFiles } from "../../../sdk/workspace/pull-files";
import { LIVE_SEEDED_SECRETS, seedLiveWorkspace } from "../../support/seed-workspace";
import { TestEmulator } from "../../support/test-emulator";

const TWILIO_TOKEN = "twilio-token-pull-must-not-leak";

describe("pull in the live API profile: a workspace built through the live raw API, as live definition files", () => {
  let emu: TestEmulator;
  let client: ElevenLabsClient;
  let seeded: Awaited<ReturnType<typeof seedLiveWorkspace>>;
  let pulled: PulledFiles;
  const out = mkdtempSync(join(tmpdir(), "pulled-live-"));
  const doc = (path: string) => parse(pulled.files[path] as string);
  /** The agent with the widget shares its name with another: the first in id order keeps the plain slug. */
  const supportName = () =>
    seeded.agent.agent_id.localeCompare(seeded.twin.agent_id) < 0 ? "customer-support" : "customer-support-2";
  const supportFile = () => `agents/${supportName()}.yaml`;

  beforeAll(async () => {
    emu = await TestEmulator.start({ profile: "live" });
    seeded = await seedLiveWorkspace(emu);
    const twilio = await emu.api("POST", "/phone-numbers", {
      provider: "twilio",
      phone_number: "+14155550199",
      label: "Twilio line",
      sid: "AC0123456789",
      token: TWILIO_TOKEN,
    });
    expect(twilio.status).toBe(200);
    client = new ElevenLabsClient({ apiKey: emu.apiKey, baseUrl: emu.baseUrl, profile: "live" });
    pulled = pulledFiles(await readWorkspace(client), out, "live");
    for (const [path, content] of Object.entries(pulled.files)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), content);
    }
  });
  afterAll(async () => {
    await client?.close();
    await emu?.close();
  });

  it("writes one file per object: documents once for the workspace, a widget for the agent that has one", () => {
    expect(Object.keys(pulled.files).sort()).toEqual(
      [
        "agents/customer-support-2.yaml",
        "agents/customer-support.yaml",
        "knowledge-base/opening-hours.yaml",
        "phone-numbers/14155550100.yaml",
        "phone-numbers/14155550199.yaml",
        "secrets/weather-api-key.yaml",
        "tools/get-weather.yaml",
        "tools/lookup-order.yaml",
        `widgets/${supportName()}.yaml`,
        "workspace/settings.yaml",
      ].sort(),
    );
    const all = Object.values(pulled.files).join("\n");
    for (const value of [...Object.values(LIVE_SEEDED_SECRETS), TWILIO_TOKEN]) expect(all).not.toContain(value);
    expect(pulled.files["tools/get-weather.yaml"]).toMatch(
      /^# yaml-language-server: \$schema=\S+\/schemas\/live\/tool\.schema\.json$/m,
    );
  });

  it("writes the agent in the live API's shape: references by name in tool_ids and knowledge_base, no server-set fields, no widget", () => {
    const agent = doc(supportFile());
    expect(agent.adopt_id).toBe(seeded.agent.agent_id);
    const prompt = agent.spec.conversation_config.agent.prompt;
    expect(prompt.tool_ids).toEqual(["ref:tool/get-weather", "ref:tool/lookup-order"]);
    expect(prompt.knowledge_base).toEqual([
      { type: "text", name: "Opening hours", id: "ref:knowledge_base_document/opening-hours", usage_mode: "auto" },
    ]);
    expect(prompt).not.toHaveProperty("tools"); // GET answers both; a write takes one
    expect(agent.spec.conversation_config.agent.future_agent_setting).toEqual({
      mode: "fast",
      nested_level: { some_value: 1 },
    });
    expect(agent.spec.platform_settings.data_collection).toEqual({
      order_Id: { type: "string", description: "The order" },
    });
    expect(agent.spec.platform_settings).not.toHaveProperty("widget");
    for (const serverSet of ["agent_id", "version_id", "branch_id", "metadata", "phone_numbers", "access_info"])
      expect(agent.spec).not.toHaveProperty(serverSet);
    expect(doc(`widgets/${supportName()}.yaml`).spec).toEqual({
      agent_id: `ref:agent/${supportName()}`,
      config: { variant: "compact", placement: "bottom-right", future_widget_flag: true },
    });
  });

  it("writes a document with its text, which the live API answers as text/plain once the document is ready", () => {
    expect(doc("knowledge-base/opening-hours.yaml")).toMatchObject({
      adopt_id: seeded.doc.id,
      spec: { name: "Opening hours", text: "We are open 9 to 5, Monday to Friday." },
    });
  });

  it("writes tool headers as the live API has them: a workspace secret by reference, a credential as a config reference", () => {
    const tool = doc("tools/get-weather.yaml");
    expect(tool.spec.tool_config.api_schema.request_headers).toEqual({
      Authorization: { value_from: { config: "getWeatherAuthorization" } },
      "Content-Type": "application/json",
      "X-Api-Key": { secret_id: "ref:workspace_secret/weather-api-key" },
    });
    expect(tool.spec.tool_config.future_tool_setting).toEqual({ retry_policy: { max_attempts: 2 } });
    expect(tool.spec).not.toHaveProperty("id");
    expect(doc("workspace/settings.yaml").spec.conversation_initiation_client_data_webhook.request_headers).toEqual({
      Authorization: { value_from: { config: "settingsRequestHeadersAuthorization" } },
    });
  });

  it("asks for what the live API never returns: a Twilio number's token as a secret, its SID by hand", () => {
    expect(doc("phone-numbers/14155550199.yaml").spec).toMatchObject({
      provider: "twilio",
      token: { value_from: { config: "14155550199Token" } },
    });
    expect(doc("phone-numbers/14155550100.yaml").spec).not.toHaveProperty("token"); // a SIP trunk has none
    expect(pulled.toWrite).toEqual([
      { file: "phone-numbers/14155550199.yaml", path: "spec.sid", what: "the Twilio account SID" },
    ]);
    let problems: string[] = [];
    try {
      loadDefinitions({ directory: out, profile: "live" });
    } catch (err) {
      if (!(err instanceof WorkspaceDefinitionError)) throw err;
      problems = err.problems.map((p) => `${p.file.slice(out.length + 1)}: ${p.path}: ${p.reason}`);
    }
    expect(problems).toEqual(['phone-numbers/14155550199.yaml: spec.sid: is required when provider is "twilio"']);
  });

  it("the files load in the live profile once the SID is written, every reference resolved", () => {
    const file = join(out, "phone-numbers/14155550199.yaml");
    writeFileSync(
      file,
      pulled.files["phone-numbers/14155550199.yaml"]?.replace(
        "  provider: twilio\n",
        "  provider: twilio\n  sid: AC0123456789\n",
      ) as string,
    );
    const defs = loadDefinitions({ directory: out, profile: "live" });
    expect(defs).toHaveLength(Object.keys(pulled.files).length);
    const tool = defs.find((d) => d.name === "get-weather");
    expect(Object.keys(tool?.inputs.secretHeaders as object)).toEqual(["Authorization"]);
  });
});
