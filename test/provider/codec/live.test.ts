/** The live profile's codecs: pure functions between the model and the live API's bodies. */
import { describe, expect, it } from "vitest";
import { LIVE_CODECS } from "../../../provider/codec/index";
import { CREATION_TAG_PREFIX } from "../../../provider/codec/live/agent";
import { CREATION_TOKEN_METADATA_KEY } from "../../../provider/models/spec";

const agent = LIVE_CODECS.Agent!;
const tool = LIVE_CODECS.Tool!;

describe("live Agent codec", () => {
  it("never sends both tool_ids and tools: tool_ids wins when the program sets both", () => {
    const body = agent.encode({
      conversationConfig: { agent: { prompt: { toolIds: ["t1"], tools: [{ name: "x" }] } } },
    });
    expect(body).toEqual({ conversation_config: { agent: { prompt: { tool_ids: ["t1"] } } } });
  });

  it("a body assembled from GET (both forms) keeps the one the program writes", () => {
    const fromGet = {
      conversation_config: { agent: { prompt: { prompt: "p", tool_ids: ["t1"], tools: [{ name: "t" }] } } },
    };
    expect(agent.writable(fromGet, { conversation_config: { agent: { prompt: { prompt: "p" } } } })).toEqual({
      conversation_config: { agent: { prompt: { prompt: "p", tool_ids: ["t1"] } } },
    });
    const inline = { conversation_config: { agent: { prompt: { tools: [{ name: "t2" }] } } } };
    expect(agent.writable(fromGet, inline)).toEqual({
      conversation_config: { agent: { prompt: { prompt: "p", tools: [{ name: "t" }] } } },
    });
  });

  it("carries the creation token as a tag, and reads it back into metadata, out of the tags", () => {
    const body = agent.encode({ name: "a", tags: ["mine"], metadata: { [CREATION_TOKEN_METADATA_KEY]: "tok" } });
    expect(body).toEqual({ name: "a", tags: ["mine", `${CREATION_TAG_PREFIX}tok`] });
    const model = agent.decode({
      agent_id: "a1",
      tags: ["mine", `${CREATION_TAG_PREFIX}tok`],
      metadata: { created_at_unix_secs: 1 },
    });
    expect(model).toEqual({
      agentId: "a1",
      tags: ["mine"],
      metadata: { createdAtUnixSecs: 1, [CREATION_TOKEN_METADATA_KEY]: "tok" },
    });
    expect(agent.keepsCreationToken).toBe(true);
  });

  it("round-trips a create-agent body losslessly, user maps verbatim", () => {
    const model = {
      name: "Support",
      conversationConfig: {
        agent: {
          firstMessage: "Hi",
          dynamicVariables: { dynamicVariablePlaceholders: { user_name: "x", CamelVar: 1 } },
        },
        tts: { voiceId: "v", stability: 0.5, similarityBoost: 0.8 },
        languagePresets: { "pt-br": { overrides: {} }, es_mx: {} },
      },
      platformSettings: { dataCollection: { order_id: { type: "string" } } },
    };
    const wire = agent.encode(model);
    expect(wire).toMatchObject({
      conversation_config: {
        agent: {
          first_message: "Hi",
          dynamic_variables: { dynamic_variable_placeholders: { user_name: "x", CamelVar: 1 } },
        },
        tts: { voice_id: "v", similarity_boost: 0.8 },
        language_presets: { "pt-br": { overrides: {} }, es_mx: {} },
      },
      platform_settings: { data_collection: { order_id: { type: "string" } } },
    });
    expect(agent.decode(wire)).toEqual(model);
  });
});

describe("live Tool codec", () => {
  const model = {
    toolConfig: {
      type: "webhook",
      name: "w",
      apiSchema: {
        url: "https://x",
        requestHeaders: { "X-Plain": "p", Authorization: { secret_id: "s1" } },
        queryParamsSchema: { properties: { city_name: { type: "string" } } },
      },
    },
    secretHeaders: { "X-Key": "k" },
  };

  it("merges secret headers into request_headers; `id` is the model's toolId", () => {
    const wire = tool.encode(model);
    expect(wire.tool_config).toMatchObject({
      api_schema: {
        request_headers: { "X-Plain": "p", Authorization: { secret_id: "s1" }, "X-Key": "k" },
        query_params_schema: { properties: { city_name: { type: "string" } } },
      },
    });
    const back = tool.decode({ id: "tool_1", ...wire }, model);
    expect(back).toEqual({ toolId: "tool_1", ...model });
    expect(tool.keepsCreationToken).toBe(false);
  });
});

describe("live WorkspaceSettings codec", () => {
  const settings = LIVE_CODECS.WorkspaceSettings!;

  it("flattens the settings onto the wire with the webhook's header names verbatim, and wraps them back", () => {
    const model = {
      settings: {
        ragRetentionPeriodDays: 21,
        conversationInitiationClientDataWebhook: {
          url: "https://hooks.example.com",
          requestHeaders: { Authorization: "Bearer a", "X-Trace_Id": "t" },
        },
      },
    };
    const wire = settings.encode(model);
    expect(wire).toEqual({
      rag_retention_period_days: 21,
      conversation_initiation_client_data_webhook: {
        url: "https://hooks.example.com",
        request_headers: { Authorization: "Bearer a", "X-Trace_Id": "t" },
      },
    });
    expect(settings.decode(wire).settings).toEqual(model.settings);
  });
});
