import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODECS, functionsCodec } from "../../../provider/codec/index";
import { buildMergePatch } from "../../../provider/diff/merge-patch";

describe("codecs: the one place where the model meets the wire", () => {
  it("encode spells the API's keys, decode the model's; user maps keep their keys verbatim", () => {
    const model = {
      name: "a",
      conversationConfig: {
        agent: { firstMessage: "Hi", dynamicVariables: { dynamicVariablePlaceholders: { userName: "x" } } },
      },
      metadata: { customer_id: "c1", crmRef: "r" },
    };
    const wire = CODECS.Agent.encode(model);
    expect(wire).toEqual({
      name: "a",
      conversation_config: {
        agent: { first_message: "Hi", dynamic_variables: { dynamic_variable_placeholders: { userName: "x" } } },
      },
      metadata: { customer_id: "c1", crmRef: "r" },
    });
    expect(CODECS.Agent.decode(wire)).toEqual(model);
  });

  it("tools: secret headers travel inside server_tool.headers and come back split by the declared names", () => {
    const model = {
      type: "server",
      name: "t",
      serverTool: { url: "https://x.example", headers: { "X-Plain": "p" } },
      secretHeaders: { Authorization: "Bearer s" },
    };
    const wire = CODECS.Tool.encode(model);
    expect(wire.server_tool).toEqual({
      url: "https://x.example",
      headers: { "X-Plain": "p", Authorization: "Bearer s" },
    });
    expect(CODECS.Tool.decode(wire, model)).toEqual(model);
    // Without the program's declaration nothing is taken for secret.
    expect(CODECS.Tool.decode(wire).secretHeaders).toBeUndefined();
  });

  it("a removed secret header becomes a null in the encoded merge patch", () => {
    const before = { type: "server", name: "t", serverTool: { url: "https://x" }, secretHeaders: { A: "1", B: "2" } };
    const after = { ...before, secretHeaders: { A: "1" } };
    expect(buildMergePatch(CODECS.Tool.encode(before), CODECS.Tool.encode(after))).toEqual({
      server_tool: { headers: { B: null } },
    });
  });

  it("round trip: decoding what was encoded gives the canonical model back, for any metadata keys", () => {
    const key = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/);
    fc.assert(
      fc.property(fc.dictionary(key, fc.string()), fc.dictionary(key, fc.integer()), (metadata, placeholders) => {
        const model = {
          name: "n",
          metadata,
          conversationConfig: { agent: { dynamicVariables: { dynamicVariablePlaceholders: placeholders } } },
        };
        const canonical = CODECS.Agent.canonical(model);
        expect(canonical).toEqual(model);
        expect(CODECS.Agent.decode(CODECS.Agent.encode(model))).toEqual(model);
      }),
    );
  });

  it("the public functions' codec: camelCase out, snake_case on the wire, metadata verbatim", () => {
    expect(functionsCodec.encode({ agentId: "a", toNumber: "+1", metadata: { crmRef: 1 } })).toEqual({
      agent_id: "a",
      to_number: "+1",
      metadata: { crmRef: 1 },
    });
    expect(functionsCodec.decode({ conversation_id: "c", transcript: [{ time_in_call_secs: 1 }] })).toEqual({
      conversationId: "c",
      transcript: [{ timeInCallSecs: 1 }],
    });
  });
});
