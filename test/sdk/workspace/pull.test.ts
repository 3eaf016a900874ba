import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ElevenLabsClient } from "../../../provider/client/client";
import { loadDefinitions } from "../../../sdk/workspace/loader";
import { readWorkspace } from "../../../sdk/workspace/pull";
import { type PulledFiles, pulledFiles, slugify } from "../../../sdk/workspace/pull-files";
import { SEEDED_SECRETS, seedWorkspace } from "../../support/seed-workspace";
import { TestEmulator } from "../../support/test-emulator";

describe("pull: a workspace built through the raw API, as definition files", () => {
  let emu: TestEmulator;
  let client: ElevenLabsClient;
  let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
  let pulled: PulledFiles;
  const out = mkdtempSync(join(tmpdir(), "pulled-"));
  const doc = (path: string) => parse(pulled.files[path] as string);
  /** The seeded agent with the webhook shares its name with another: the first in id order keeps the plain slug. */
  const agentName = () =>
    seeded.agent.agent_id.localeCompare(seeded.twin.agent_id) < 0 ? "customer-support" : "customer-support-2";

  beforeAll(async () => {
    emu = await TestEmulator.start();
    seeded = await seedWorkspace(emu);
    client = new ElevenLabsClient({ apiKey: emu.apiKey, baseUrl: emu.baseUrl });
    pulled = pulledFiles(await readWorkspace(client), out);
  });
  afterAll(async () => {
    await client?.close();
    await emu?.close();
  });

  it("writes one file per object, named after it, unique per kind in id order", () => {
    const [first, second] = [seeded.agent, seeded.twin].sort((a, b) => a.agent_id.localeCompare(b.agent_id));
    expect(Object.keys(pulled.files).sort()).toEqual(
      [
        "agents/customer-support-2.yaml",
        "agents/customer-support.yaml",
        "knowledge-base/opening-hours.yaml",
        `phone-numbers/${slugify(seeded.phone.phone_number, "")}.yaml`,
        "secrets/weather-api-key.yaml",
        "tools/get-weather.yaml",
        "tools/lookup-order.yaml",
        "widgets/customer-support-2.yaml",
        "widgets/customer-support.yaml",
        "workspace/settings.yaml",
      ].sort(),
    );
    expect(doc("agents/customer-support.yaml").adopt_id).toBe(first.agent_id);
    expect(doc("agents/customer-support-2.yaml").adopt_id).toBe(second.agent_id);
  });

  it("keeps nested config and unknown fields, leaves server-set fields out, and refers to pulled objects by name", () => {
    const agent = doc(
      seeded.agent.agent_id < seeded.twin.agent_id ? "agents/customer-support.yaml" : "agents/customer-support-2.yaml",
    );
    expect(Object.keys(agent)).toEqual(["kind", "name", "adopt_id", "spec"]);
    expect(agent.kind).toBe("agent");
    expect(agent.spec.conversation_config.agent.prompt.tool_ids).toEqual([
      "ref:tool/get-weather",
      "ref:tool/lookup-order",
    ]);
    expect(agent.spec.conversation_config.agent.future_agent_setting).toEqual({
      mode: "fast",
      nested_level: { some_value: 1 },
    });
    expect(agent.spec.conversation_config.agent.dynamic_variables.dynamic_variable_placeholders).toEqual({
      customerName: "there",
      order_id: "none",
    });
    expect(agent.spec.metadata).toEqual({ crmRef: "CRM-1", customer_tier: "gold" });
    expect(agent.spec.tags).toEqual(["support", "tier-1"]);
    for (const serverSet of ["agent_id", "created_at", "updated_at", "is_public", "is_active"])
      expect(agent.spec).not.toHaveProperty(serverSet);
    // Declared fields first, in the model's order.
    expect(Object.keys(agent.spec).slice(0, 3)).toEqual(["name", "conversation_config", "platform_settings"]);

    const phone = doc(Object.keys(pulled.files).find((f) => f.startsWith("phone-numbers/")) as string);
    expect(phone.spec).toEqual({
      country: "US",
      area_code: "415",
      capabilities: { voice: true, sms: true },
      agent_id: expect.stringMatching(/^ref:agent\/customer-support(-2)?$/),
      greeting_message: "Thanks for calling",
      future_routing: { priority: 3 },
    });
    const kb = doc("knowledge-base/opening-hours.yaml");
    expect(kb.spec).toEqual({
      agent_id: phone.spec.agent_id,
      name: "Opening hours",
      description: "Hours",
      metadata: { source: "wiki" },
      text: "We are open 9 to 5, Monday to Friday.",
    });
    expect(doc("widgets/customer-support.yaml").spec).toEqual({ agent_id: "ref:agent/customer-support" });
    expect(doc("workspace/settings.yaml")).not.toHaveProperty("adopt_id");
    expect(doc("workspace/settings.yaml").spec.settings.future_workspace_setting).toEqual({ nested_flag: true });
  });

  it("writes secrets as config references, never their values, and lists the keys to set", () => {
    const all = Object.values(pulled.files).join("\n");
    for (const value of Object.values(SEEDED_SECRETS)) expect(all).not.toContain(value);
    const weather = doc("tools/get-weather.yaml");
    expect(weather.spec.server_tool.headers).toEqual({ "Content-Type": "application/json" });
    expect(weather.spec.secret_headers).toEqual({
      Authorization: { value_from: { config: "getWeatherAuthorization" } },
    });
    expect(doc("secrets/weather-api-key.yaml").spec.value).toEqual({ value_from: { config: "weatherApiKey" } });
    expect(pulled.secrets.map((s) => s.key).sort()).toEqual(
      [
        agentName() === "customer-support" ? "customerSupportWebhookSecret" : "customerSupport2WebhookSecret",
        "getWeatherAuthorization",
        "settingsWebhookSecret",
        "weatherApiKey",
      ].sort(),
    );
  });

  it("says where each secret reference is, as the file spells it", () => {
    expect(pulled.secrets).toContainEqual({
      key: "getWeatherAuthorization",
      file: "tools/get-weather.yaml",
      path: "spec.secret_headers.Authorization",
    });
    expect(pulled.secrets).toContainEqual({
      key: "settingsWebhookSecret",
      file: "workspace/settings.yaml",
      path: "spec.settings.webhook.secret",
    });
  });

  it("names each file's schema", () => {
    expect(pulled.files["agents/customer-support.yaml"]).toMatch(
      /^# yaml-language-server: \$schema=\S*schemas\/agent\.schema\.json\n/,
    );
  });

  it("writes the same bytes when pulled again", async () => {
    const again = pulledFiles(await readWorkspace(client), out);
    expect(again).toEqual(pulled);
  });

  it("writes files the loader accepts", () => {
    for (const [path, content] of Object.entries(pulled.files)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), content);
    }
    const keys = new Set(pulled.secrets.map((s) => s.key));
    const defs = loadDefinitions({ directory: out, hasConfig: (key) => keys.has(key) });
    expect(defs).toHaveLength(Object.keys(pulled.files).length);
  });

  it("reports progress kind by kind", async () => {
    const seen: string[] = [];
    await readWorkspace(client, (kind, count, done) => done && seen.push(`${kind} ${count}`));
    expect(seen).toEqual([
      "workspace_settings 1",
      "workspace_secret 1",
      "tool 2",
      "agent 2",
      "knowledge_base_document 1",
      "phone_number 1",
      "widget 2",
    ]);
  });

  it("waits for a document still processing, and stops at one that failed", async () => {
    const processing = await emu.api("POST", `/agents/${seeded.agent.agent_id}/knowledge-base/text`, {
      name: "Returns",
      text: "Returns are free within 30 days.",
    });
    expect(processing.body.status).toBe("processing");
    const files = pulledFiles(await readWorkspace(client), out).files;
    expect(parse(files["knowledge-base/returns.yaml"] as string).spec.text).toBe("Returns are free within 30 days.");

    await emu.api("POST", `/agents/${seeded.agent.agent_id}/knowledge-base/url`, {
      url: "http://127.0.0.1:9/unreachable",
    });
    await expect(readWorkspace(client)).rejects.toThrow(
      /knowledge-base document "http:\/\/127\.0\.0\.1:9\/unreachable" \(doc_\w+\) of agent agent_\w+ is failed \(.*\): it has no content to pull/,
    );
  });
});
