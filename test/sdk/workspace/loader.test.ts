import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDefinitions } from "../../../sdk/workspace/loader";
import { problemsOf, writeTree } from "./fixture";

const agent = `kind: agent
name: support
spec:
  name: Support
  conversation_config:
    agent:
      first_message: Hi!
      prompt:
        prompt: You are helpful.
        tool_ids: [ref:tool/weather]
    some_future_section:
      nested_value: 1
  tags: [a, b]
`;
const tool = `kind: tool
name: weather
spec:
  type: server
  name: get_weather
  server_tool:
    url: https://api.example.com/weather
    headers: { X-Trace: "1" }
  secret_headers:
    Authorization: { value_from: { config: weatherAuth } }
`;
const secret = `kind: workspace_secret
name: weather-key
spec:
  name: WEATHER_API_KEY
  value: { value_from: { config: "other:weatherKey" } }
`;

describe("loadDefinitions", () => {
  it("turns files into resource inputs in dependency order, unknown fields kept", () => {
    const root = writeTree({
      "defs/agents/support.yaml": agent,
      "defs/tools/weather.yaml": tool,
      "defs/secret.yml": secret,
    });
    const defs = loadDefinitions({ directory: join(root, "defs") });
    expect(defs.map((d) => `${d.kind}/${d.name}`)).toEqual([
      "tool/weather",
      "agent/support",
      "workspace_secret/weather-key",
    ]);
    const support = defs.find((d) => d.kind === "agent");
    expect(support?.inputs).toEqual({
      name: "Support",
      conversationConfig: {
        agent: { firstMessage: "Hi!", prompt: { prompt: "You are helpful.", toolIds: ["ref:tool/weather"] } },
        someFutureSection: { nestedValue: 1 },
      },
      tags: ["a", "b"],
    });
    expect(support?.references).toEqual([
      { kind: "tool", name: "weather", path: ["conversation_config", "agent", "prompt", "tool_ids", 0] },
    ]);
    const weather = defs.find((d) => d.kind === "tool");
    // Tool headers are user data: their keys are never case-converted.
    expect(weather?.inputs.serverTool).toEqual({ url: "https://api.example.com/weather", headers: { "X-Trace": "1" } });
    expect(Object.keys(weather?.inputs.secretHeaders as object)).toEqual(["Authorization"]);
  });

  it("reports every problem of every file at once, with file:line:column and the field path", () => {
    const root = writeTree({
      "defs/agents/support.yaml": `kind: agent
name: support
spec:
  name: Support
  conversation_config:
    agent:
      first_mesage: Hi!
    tts:
      voice_settings:
        stability: high
`,
      "defs/tools/weather.yaml": `kind: tool
name: weather
spec:
  type: webhook
  name: get_weather
`,
    });
    expect(problemsOf(root)).toEqual([
      "defs/agents/support.yaml:7:7: spec.conversation_config.agent.first_mesage: is not a property of agent: did you mean first_message?",
      'defs/agents/support.yaml:10:9: spec.conversation_config.tts.voice_settings.stability: expected a number between 0 and 1, got "high"',
      'defs/tools/weather.yaml:4:3: spec.type: expected one of "server", "client", got "webhook"',
    ]);
  });

  it("names a required field that is missing at the object that lacks it", () => {
    const root = writeTree({ "defs/a.yaml": "kind: agent\nname: a\nspec:\n  conversation_config: {}\n" });
    expect(problemsOf(root)).toEqual(["defs/a.yaml:3:1: spec.name: is required (expected a string)"]);
  });

  it("checks the file itself: kind, name, spec, YAML syntax", () => {
    const root = writeTree({
      "defs/a.yaml": "kind: agnet\nname: a b\nspec: {}\n",
      "defs/b.yaml": "kind: tool\nname: b\nspce: {}\n",
      "defs/c.yaml": "kind: tool\nname: [unclosed\n",
    });
    const problems = problemsOf(root);
    expect(problems[0]).toMatch(/^defs\/a\.yaml:1:1: kind: expected one of "agent", "tool", .*got "agnet"$/);
    expect(problems[1]).toMatch(/^defs\/a\.yaml:2:1: name: expected letters, digits/);
    expect(problems).toContain("defs/b.yaml:1:1: spec: is required (expected a map of the object's fields)");
    expect(problems).toContain("defs/b.yaml:3:1: spce: is not a property of a definition file");
    expect(problems.find((p) => p.startsWith("defs/c.yaml:"))).toMatch(/^defs\/c\.yaml:3:1: : Flow sequence/);
  });

  it("refuses a secret written as a value, and value_from where nothing is secret", () => {
    const root = writeTree({
      "defs/s.yaml": "kind: workspace_secret\nname: s\nspec:\n  name: S\n  value: hunter2\n",
      "defs/a.yaml":
        "kind: agent\nname: a\nspec:\n  name: A\n  metadata:\n    team: { value_from: { config: team } }\n",
    });
    const problems = problemsOf(root);
    expect(problems).toEqual([
      "defs/a.yaml:6:5: spec.metadata.team: value_from is only for secret fields; this field is not secret",
      expect.stringMatching(/^defs\/s\.yaml:5:3: spec\.value: is secret: keep the value in Pulumi secret config/),
    ]);
    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("requires each secret's config key to be set, when asked", () => {
    const root = writeTree({ "defs/s.yaml": secret });
    expect(problemsOf(root, { hasConfig: () => false })).toEqual([
      'defs/s.yaml:5:3: spec.value: config key "other:weatherKey" is not set: pulumi config set --secret other:weatherKey <value>',
    ]);
    expect(loadDefinitions({ directory: join(root, "defs"), hasConfig: (k) => k === "other:weatherKey" })).toHaveLength(
      1,
    );
  });

  it("reports references to nothing, duplicate names and circles", () => {
    const root = writeTree({
      "defs/a.yaml": "kind: agent\nname: a\nspec:\n  name: A\n  metadata: { x: ref:tool/missing, y: ref:gadget/x }\n",
      "defs/b.yaml": "kind: agent\nname: a\nspec:\n  name: B\n",
      "defs/c.yaml": "kind: phone_number\nname: c\nspec:\n  country: US\n  agent_id: ref:phone_number/d\n",
      "defs/d.yaml": "kind: phone_number\nname: d\nspec:\n  country: US\n  agent_id: ref:phone_number/c\n",
    });
    const problems = problemsOf(root);
    expect(problems.slice(0, 2)).toEqual([
      'defs/a.yaml:5:15: spec.metadata.x: refers to tool "missing", which no file defines',
      expect.stringMatching(/^defs\/a\.yaml:5:36: spec\.metadata\.y: refers to kind "gadget"; kinds: agent, tool, /),
    ]);
    expect(problems[2]).toMatch(/^defs\/b\.yaml:2:1: name: agent "a" is already defined in .*defs\/a\.yaml$/);
    expect(problems[3]).toBe(
      "defs/c.yaml:5:3: spec.agent_id: references go round in a circle: ref:phone_number/c -> ref:phone_number/d -> ref:phone_number/c",
    );
  });

  it("resolves local files against the YAML file and reports a missing one", () => {
    const root = writeTree({
      "defs/docs/faq.yaml": "kind: knowledge_base_document\nname: faq\nspec:\n  agent_id: x\n  file_path: faq.md\n",
      "defs/docs/faq.md": "# FAQ\n",
      "defs/docs/gone.yaml": "kind: knowledge_base_document\nname: gone\nspec:\n  agent_id: x\n  file_path: gone.md\n",
    });
    const problems = problemsOf(root);
    expect(problems).toEqual([
      expect.stringMatching(/^defs\/docs\/gone\.yaml:5:3: spec\.file_path: cannot read "gone\.md"/),
    ]);
  });

  it("keeps adoption at the top level of the file", () => {
    const root = writeTree({
      "defs/a.yaml": "kind: agent\nname: a\nadopt_id: agent_1\nspec:\n  name: A\n",
      "defs/b.yaml": "kind: agent\nname: b\nspec:\n  name: B\n  adopt_id: agent_2\n",
      "defs/s.yaml": "kind: workspace_settings\nname: s\nadopt_id: ws\nspec:\n  settings: {}\n",
    });
    expect(problemsOf(root)).toEqual([
      "defs/b.yaml:5:3: spec.adopt_id: is not part of the spec: write adopt_id at the top level of the file",
      "defs/s.yaml:3:1: adopt_id: a workspace_settings is one per workspace: there is nothing to adopt, leave adopt_id out",
    ]);
    const root2 = writeTree({ "defs/a.yaml": "kind: agent\nname: a\nadopt_id: agent_1\nspec:\n  name: A\n" });
    expect(loadDefinitions({ directory: join(root2, "defs") })[0]).toMatchObject({
      adoptId: "agent_1",
      inputs: { adoptId: "agent_1" },
    });
  });

  describe("overlays", () => {
    const base = {
      "defs/agents/support.yaml": agent,
      "defs/tools/weather.yaml": tool,
      "overlays/prod/agents/support.yaml": `spec:
  conversation_config:
    agent:
      first_message: Welcome to production.
    some_future_section: null
`,
      "overlays/prod/numbers/main.yaml":
        "kind: phone_number\nname: main\nspec:\n  country: US\n  agent_id: ref:agent/support\n",
    };

    it("merge-patch the stack's files over the definitions; a file of their own is that stack's only", () => {
      const root = writeTree(base);
      const load = (stack: string) =>
        loadDefinitions({ directory: join(root, "defs"), overlays: join(root, "overlays"), stack });
      const dev = load("dev");
      expect(dev.map((d) => d.name)).toEqual(["weather", "support"]);
      const prod = load("prod");
      expect(prod.map((d) => d.name)).toEqual(["weather", "support", "main"]);
      expect(prod[1]?.inputs.conversationConfig).toEqual({
        agent: {
          firstMessage: "Welcome to production.",
          prompt: { prompt: "You are helpful.", toolIds: ["ref:tool/weather"] },
        },
      });
      expect(dev[1]?.inputs.conversationConfig).toMatchObject({
        agent: { firstMessage: "Hi!" },
        someFutureSection: {},
      });
    });

    it("report a mistake an overlay makes in the overlay, and one in the definition in the definition", () => {
      const root = writeTree({
        ...base,
        "overlays/prod/agents/support.yaml":
          "spec:\n  conversation_config:\n    tts: { voice_settings: { stability: 7 } }\n",
        "overlays/prod/tools/weather.yaml": "spec:\n  name: ''\n",
      });
      expect(problemsOf(root, { overlays: join(root, "overlays"), stack: "prod" })).toEqual([
        "overlays/prod/agents/support.yaml:3:30: spec.conversation_config.tts.voice_settings.stability: expected a number between 0 and 1, got 7",
        "overlays/prod/tools/weather.yaml:2:3: spec.name: must not be empty",
      ]);
    });

    it("inside the definitions directory are not definitions themselves", () => {
      const root = writeTree({
        "defs/agents/support.yaml": "kind: agent\nname: support\nspec:\n  name: Support\n",
        "defs/overlays/prod/agents/support.yaml": "spec:\n  name: Prod support\n",
      });
      const load = (stack: string) =>
        loadDefinitions({ directory: join(root, "defs"), overlays: join(root, "defs/overlays"), stack });
      expect(load("dev").map((d) => d.inputs.name)).toEqual(["Support"]);
      expect(load("prod").map((d) => d.inputs.name)).toEqual(["Prod support"]);
    });
  });

  it("smoke tests refer to the agent and documents by name; tool parameters keep their names; nothing to adopt", () => {
    const smoke = `kind: conversation_smoke_test
name: support
spec:
  agent_id: ref:agent/support
  steps:
    - text: Where is order 12345?
    - expect_tool_call:
        name: check_order_status
        parameters: { order_number: { exact: "12345" } }
    - expect_knowledge_base: { documents: [ref:knowledge_base_document/faq] }
`;
    const faq =
      "kind: knowledge_base_document\nname: faq\nspec:\n  agent_id: ref:agent/support\n  name: FAQ\n  text: Hi.\n";
    const root = writeTree({
      "defs/agents/support.yaml": "kind: agent\nname: support\nspec:\n  name: Support\n",
      "defs/faq.yaml": faq,
      "defs/smoke.yaml": smoke,
    });
    const defs = loadDefinitions({ directory: join(root, "defs") });
    expect(defs.map((d) => `${d.kind}/${d.name}`)).toEqual([
      "agent/support",
      "knowledge_base_document/faq",
      "conversation_smoke_test/support",
    ]);
    expect(defs[2]?.inputs).toEqual({
      agentId: "ref:agent/support",
      steps: [
        { text: "Where is order 12345?" },
        { expectToolCall: { name: "check_order_status", parameters: { order_number: { exact: "12345" } } } },
        { expectKnowledgeBase: { documents: ["ref:knowledge_base_document/faq"] } },
      ],
    });

    const adopting = writeTree({
      "defs/agents/support.yaml": "kind: agent\nname: support\nspec:\n  name: Support\n",
      "defs/faq.yaml": faq,
      "defs/smoke.yaml": smoke.replace("name: support\n", "name: support\nadopt_id: x\n"),
    });
    expect(problemsOf(adopting)).toEqual([
      "defs/smoke.yaml:3:1: adopt_id: a conversation_smoke_test is not an API object: there is nothing to adopt, leave adopt_id out",
    ]);
  });
});
