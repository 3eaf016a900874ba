/**
 * One of each ElevenLabs ConvAI resource, wired together, and a smoke test that calls the agent
 * during `pulumi up`: it asks a question out loud, expects the answer from the knowledge base,
 * and expects the agent to call the order tool. Needs one secret:
 * `pulumi config set --secret weatherApiKey <value>`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as elevenlabs from "pulumi-elevenlabs";

const config = new pulumi.Config();
const weatherApiKey = config.requireSecret("weatherApiKey");

// Only the keys the program sets are managed; `pulumi destroy` restores what they were.
new elevenlabs.WorkspaceSettings("workspace", { settings: { dataRetentionDays: 30 } });

new elevenlabs.WorkspaceSecret("weather-api-key", {
  name: "WEATHER_API_KEY",
  value: weatherApiKey,
  description: "API key of the weather service",
});

// A server tool: the agent calls this URL itself.
const weather = new elevenlabs.Tool("get-weather", {
  type: "server",
  name: "get_weather",
  description: "Gets the current weather in a city",
  serverTool: {
    url: "https://api.example.com/weather/{city}",
    method: "GET",
    parameters: [{ name: "city", type: "string", location: "path", required: true }],
  },
  secretHeaders: { Authorization: pulumi.interpolate`Bearer ${weatherApiKey}` },
});

// A client tool: the caller's app answers it (in the smoke test, the test does).
const orderStatus = new elevenlabs.Tool("check-order-status", {
  type: "client",
  name: "check_order_status",
  description: "Looks up where an order is by its number",
  clientTool: {
    expectsResponse: true,
    parameters: [{ name: "order_number", type: "string", required: true }],
  },
});

const agent = new elevenlabs.Agent("support", {
  name: "Quickstart support",
  conversationConfig: {
    agent: {
      firstMessage: "Hi! How can I help?",
      prompt: {
        prompt: "You are a support agent for an online shop. Answer from the knowledge base.",
        toolIds: [weather.toolId, orderStatus.toolId],
      },
    },
  },
});

const shipping = new elevenlabs.KnowledgeBaseDocument("shipping", {
  agentId: agent.agentId,
  name: "Shipping FAQ",
  text: "We ship to forty countries. Shipping abroad takes five to ten working days.\n\nReturns are accepted within thirty days.",
});

const index = new elevenlabs.AgentKnowledgeBaseIndex("support-index", {
  agentId: agent.agentId,
  documentIds: [shipping.documentId],
});

const line = new elevenlabs.PhoneNumber("support-line", {
  agentId: agent.agentId,
  country: "US",
  areaCode: "415",
  capabilities: { voice: true, sms: false },
});

const widget = new elevenlabs.Widget("support-widget", { agentId: agent.agentId });

// Runs on create and whenever the agent's configuration or its document changes.
const smokeTest = new elevenlabs.ConversationSmokeTest(
  "support-smoke",
  {
    agentId: agent.agentId,
    triggers: [agent.conversationConfig, shipping.documentId],
    speed: "max",
    steps: [
      { say: "How long does shipping abroad take?" },
      { expectAgent: { contains: "working days" } },
      { expectKnowledgeBase: { documents: ["Shipping FAQ"] } },
      { text: "Can you check the status of order 12345?" },
      {
        expectToolCall: {
          name: "check_order_status",
          parameters: { order_number: { exact: "12345" } },
          result: { status: "shipped" },
        },
      },
      { expectAgent: { contains: "status is shipped" } },
    ],
  },
  { dependsOn: [index] },
);

export const agentId = agent.agentId;
export const phoneNumber = line.phoneNumber;
export const widgetEmbedCode = widget.embedCode;
export const smokeTestPassed = smokeTest.passed;
export const smokeTestReport = smokeTest.report;
