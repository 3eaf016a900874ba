import { describe, expect, it } from "vitest";
import { agentModel } from "../../../provider/models/agent";
import { knowledgeBaseDocumentModel } from "../../../provider/models/knowledge-base-document";
import { toolModel } from "../../../provider/models/tool";
import { UNKNOWN, validate } from "../../../provider/models/validate";
import { workspaceSecretModel } from "../../../provider/models/workspace-secret";

const failures = (model: Parameters<typeof validate>[0], input: unknown) => {
  const r = validate(model, input, "Kind");
  return r.ok ? [] : r.failures;
};

describe("input validation", () => {
  it("reports array items with an index and enum values by name", () => {
    expect(
      failures(toolModel, {
        type: "server",
        name: "t",
        serverTool: { url: "https://x.example", parameters: [{ name: "p", type: "text" }] },
      }),
    ).toEqual([
      {
        property: "serverTool.parameters[0].type",
        reason: 'expected one of "string", "number", "integer", "boolean", "object", "array", got "text"',
      },
    ]);
  });

  it("takes keys named like Object.prototype members for unknown keys, not for fields", () => {
    expect(failures(toolModel, { type: "client", name: "t", hasOwnProperty: "x", constructor: {} })).toEqual([]);
    expect(failures(workspaceSecretModel, { name: "A", value: "v", toString: 1 })).toEqual([
      { property: "toString", reason: "is not a property of Kind" },
    ]);
  });

  it("quotes a key that would not read back as one path segment", () => {
    expect(failures(workspaceSecretModel, { name: "A", value: "v", "": 1, "a.b": 2 }).map((f) => f.property)).toEqual([
      '[""]',
      '["a.b"]',
    ]);
  });

  it("reports unknown properties of strict models one by one", () => {
    expect(failures(workspaceSecretModel, { name: "A", value: "v", valu: "typo" })).toEqual([
      { property: "valu", reason: "is not a property of Kind: did you mean value?" },
    ]);
  });

  it("never quotes a secret input's value in a failure", () => {
    const r = validate(
      toolModel,
      { type: "server", name: "t", serverTool: { url: "https://x.example" }, secretHeaders: { Authorization: 424242 } },
      "Tool",
      ["secretHeaders"],
    );
    expect(r.ok ? [] : r.failures).toEqual([
      { property: "secretHeaders.Authorization", reason: "expected a string, got a number (value hidden: secret)" },
    ]);
    expect(JSON.stringify(r)).not.toContain("424242");
  });

  it("never quotes a nested secret (a webhook signing secret) either", () => {
    const input = { name: "a", platformSettings: { webhook: { url: "https://x.example/hook", secret: 987654 } } };
    const r = validate(agentModel, input, "Agent", ["platformSettings.webhook.secret"]);
    expect(r.ok ? [] : r.failures).toEqual([
      { property: "platformSettings.webhook.secret", reason: "expected a string, got a number (value hidden: secret)" },
    ]);
    expect(JSON.stringify(r)).not.toContain("987654");
  });

  it("keeps unknown fields of loose models", () => {
    const r = validate(agentModel, { name: "a", conversationConfig: { brandNew: { x: 1 } } }, "Agent");
    expect(r.ok && r.data.conversationConfig).toEqual({ brandNew: { x: 1 } });
  });

  it("accepts values not known yet (preview)", () => {
    expect(failures(knowledgeBaseDocumentModel, { agentId: UNKNOWN, name: "n", text: "t" })).toEqual([]);
    expect(failures(agentModel, { name: "a", platformSettings: UNKNOWN })).toEqual([]);
  });

  it("explains bad URLs with the value given", () => {
    expect(failures(agentModel, { name: "a", platformSettings: { webhook: { url: "ftp://x" } } })).toEqual([
      { property: "platformSettings.webhook.url", reason: 'expected an http(s) URL, got "ftp://x"' },
    ]);
  });
});

describe("typos in open models", () => {
  const agent = (agentConfig: object) => ({ name: "a", conversationConfig: { agent: agentConfig } });

  it("fails a near miss of a known field with a suggestion (firstMesage → firstMessage)", () => {
    expect(failures(agentModel, agent({ firstMesage: "Hi" }))).toEqual([
      {
        property: "conversationConfig.agent.firstMesage",
        reason: "is not a property of Kind: did you mean firstMessage?",
      },
    ]);
  });

  it("finds typos in every object at once, array items included", () => {
    const input = {
      type: "server",
      name: "t",
      serverTool: {
        url: "https://x.example",
        metod: "GET",
        parameters: [{ name: "p", type: "string", requird: true }],
      },
    };
    expect(failures(toolModel, input).map((f) => f.property)).toEqual([
      "serverTool.metod",
      "serverTool.parameters[0].requird",
    ]);
  });

  it("keeps genuinely unknown fields, and the API's snake_case spelling of known ones", () => {
    const r = validate(agentModel, agent({ brandNewSetting: 1, first_message: "Hi" }), "Agent");
    expect(r.ok).toBe(true);
  });

  it("suggests the closest key for unknown properties of strict models", () => {
    expect(failures(workspaceSecretModel, { name: "A", value: "v", descripton: "d", colour: 1 })).toEqual([
      { property: "descripton", reason: "is not a property of Kind: did you mean description?" },
      { property: "colour", reason: "is not a property of Kind" },
    ]);
  });

  it("leaves user maps alone: metadata keys are never taken for typos", () => {
    expect(failures(agentModel, { name: "a", metadata: { nmae: 1 } })).toEqual([]);
  });
});
