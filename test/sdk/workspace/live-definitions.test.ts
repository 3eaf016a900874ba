import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDefinitions } from "../../../sdk/workspace/loader";
import { placeholderKey } from "../../../sdk/workspace/secrets";
import { problemsOf, writeTree } from "./fixture";

/** A live workspace as the live API's bodies spell it, objects referring to each other by YAML name. */
const LIVE = {
  "defs/secrets/weather-key.yaml": `kind: workspace_secret
name: weather-key
spec:
  name: WEATHER_API_KEY
  value: { value_from: { config: weatherKey } }
`,
  "defs/tools/weather.yaml": `kind: tool
name: weather
spec:
  tool_config:
    type: webhook
    name: get_weather
    api_schema:
      url: https://api.example.com/weather/{city}
      request_headers:
        Content-Type: application/json
        X-Api-Key: { secret_id: ref:workspace_secret/weather-key }
        Authorization: { value_from: { config: weatherAuth } }
      path_params_schema:
        city: { type: string }
`,
  "defs/knowledge-base/hours.yaml": `kind: knowledge_base_document
name: hours
spec:
  name: Opening hours
  text: We are open 9 to 5.
`,
  "defs/agents/support.yaml": `kind: agent
name: support
spec:
  name: Support
  conversation_config:
    agent:
      prompt:
        prompt: You are helpful.
        tool_ids: [ref:tool/weather]
        knowledge_base:
          - { type: text, name: Opening hours, id: ref:knowledge_base_document/hours, usage_mode: auto }
    tts: { voice_id: 21m00Tcm4TlvDq8ikWAM, stability: 0.5 }
`,
  "defs/phone-numbers/main.yaml": `kind: phone_number
name: main
spec:
  provider: sip_trunk
  phone_number: "+14155550100"
  label: Main line
  agent_id: ref:agent/support
`,
  "defs/widgets/support.yaml": `kind: widget
name: support
spec:
  agent_id: ref:agent/support
  config: { variant: compact }
`,
  "defs/settings.yaml": `kind: workspace_settings
name: settings
spec:
  rag_retention_period_days: 21
  conversation_initiation_client_data_webhook:
    url: https://hooks.example.com/initiation
    request_headers:
      Authorization: { value_from: { config: initiationAuth } }
`,
};

describe("loadDefinitions in the live API profile", () => {
  it("reads the live API's shapes into the live models, references by YAML name in dependency order", () => {
    const defs = loadDefinitions({ directory: join(writeTree(LIVE), "defs"), profile: "live" });
    const byKey = Object.fromEntries(defs.map((d) => [`${d.kind}/${d.name}`, d]));
    const order = defs.map((d) => `${d.kind}/${d.name}`);
    for (const [before, after] of [
      ["workspace_secret/weather-key", "tool/weather"],
      ["tool/weather", "agent/support"],
      ["knowledge_base_document/hours", "agent/support"],
      ["agent/support", "phone_number/main"],
      ["agent/support", "widget/support"],
    ])
      expect(order.indexOf(before as string)).toBeLessThan(order.indexOf(after as string));

    const tool = byKey["tool/weather"]?.inputs as any;
    // A secret header among the plain ones is a secret header of the model; the header naming a workspace secret stays.
    expect(tool.toolConfig.apiSchema.requestHeaders).toEqual({
      "Content-Type": "application/json",
      "X-Api-Key": { secret_id: "ref:workspace_secret/weather-key" },
    });
    expect(placeholderKey(tool.secretHeaders.Authorization)).toBe("weatherAuth");
    expect(byKey["tool/weather"]?.references.map((r) => `${r.kind}/${r.name}`)).toEqual([
      "workspace_secret/weather-key",
    ]);

    const agent = byKey["agent/support"]?.inputs as any;
    expect(agent.conversationConfig.agent.prompt.knowledgeBase).toEqual([
      { type: "text", name: "Opening hours", id: "ref:knowledge_base_document/hours", usageMode: "auto" },
    ]);
    expect(agent.conversationConfig.tts).toEqual({ voiceId: "21m00Tcm4TlvDq8ikWAM", stability: 0.5 });
    expect(byKey["phone_number/main"]?.inputs.agentId).toBe("ref:agent/support");
    expect(byKey["widget/support"]?.inputs).toEqual({ agentId: "ref:agent/support", config: { variant: "compact" } });

    // Flat on the wire, wrapped in the model; header names verbatim.
    const settings = byKey["workspace_settings/settings"]?.inputs as any;
    expect(Object.keys(settings)).toEqual(["settings"]);
    expect(settings.settings.ragRetentionPeriodDays).toBe(21);
    const headers = settings.settings.conversationInitiationClientDataWebhook.requestHeaders;
    expect(Object.keys(headers)).toEqual(["Authorization"]);
    expect(placeholderKey(headers.Authorization)).toBe("initiationAuth");
  });

  it("reports three mistakes at once, each at file:line:column with its field path, a kind the profile lacks by name", () => {
    const root = writeTree({
      ...LIVE,
      // The contract's per-agent index: no such object in the live API.
      "defs/index.yaml": `kind: agent_knowledge_base_index
name: index
spec:
  agent_id: ref:agent/support
`,
      // The contract's tool type.
      "defs/tools/weather.yaml": LIVE["defs/tools/weather.yaml"].replace("type: webhook", "type: server"),
      // A secret value in git.
      "defs/settings.yaml": LIVE["defs/settings.yaml"].replace(
        "Authorization: { value_from: { config: initiationAuth } }",
        "Authorization: Bearer hunter2",
      ),
    });
    const problems = problemsOf(root, { profile: "live" });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^defs\/index\.yaml:1:1: kind: the live API profile has no agent_knowledge_base_index: .*exists only in the seed API profile/,
    );
    expect(problems[1]).toMatch(
      /^defs\/settings\.yaml:8:7: spec\.conversation_initiation_client_data_webhook\.request_headers\.Authorization: is secret: /,
    );
    expect(problems[1]).not.toContain("hunter2");
    expect(problems[2]).toMatch(/^defs\/tools\/weather\.yaml:5:5: spec\.tool_config\.type: .*webhook/);
  });
});
