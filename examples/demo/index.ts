/**
 * The demo program deployed by `npm run demo` (see the top-level Pulumi.yaml): one of each
 * ElevenLabs ConvAI resource, wired together the way a support team would.
 */
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as elevenlabs from "pulumi-elevenlabs";

const assets = join(__dirname, "../../../examples/demo/assets");

const settings = new elevenlabs.WorkspaceSettings("workspace", {
  settings: { dataRetentionDays: 60, allowedLlmProviders: ["openai", "anthropic"] },
});

const weatherKey = new elevenlabs.WorkspaceSecret("weather-api-key", {
  name: "WEATHER_API_KEY",
  value: pulumi.secret("demo-weather-key"),
  description: "API key for the weather service the agent's tool calls",
});

const weather = new elevenlabs.Tool("get-weather", {
  type: "server",
  name: "get_weather",
  description: "Get current weather information for a location",
  serverTool: {
    url: "https://api.example.com/weather/{location}",
    method: "GET",
    headers: { "Content-Type": "application/json" },
    parameters: [
      { name: "location", type: "string", description: "City name", required: true, location: "path" },
      {
        name: "units",
        type: "string",
        description: "celsius or fahrenheit",
        required: false,
        location: "query",
        default: "celsius",
      },
    ],
  },
  secretHeaders: { Authorization: pulumi.secret("Bearer demo-weather-key") },
});

const agent = new elevenlabs.Agent("support", {
  name: "ACME Support",
  conversationConfig: {
    agent: {
      firstMessage: "Hello! Welcome to ACME support. How can I help?",
      language: "en",
      prompt: {
        prompt: "You are a friendly support agent for ACME Corp. Answer from the knowledge base.",
        toolIds: [weather.toolId],
        builtInTools: ["end_call"],
      },
    },
    tts: {
      voiceId: "21m00Tcm4TlvDq8ikWAM",
      modelId: "eleven_turbo_v2_5",
      voiceSettings: { stability: 0.5, similarityBoost: 0.75 },
    },
    stt: { model: "whisper_large" },
    conversation: { maxDurationSeconds: 600, timeoutSeconds: 30 },
  },
  platformSettings: { auth: { enableAuth: false, allowedOrigins: ["https://acme.example"] } },
});

const faq = new elevenlabs.KnowledgeBaseDocument("faq", {
  agentId: agent.agentId,
  name: "FAQ",
  description: "Frequently asked questions",
  filePath: join(assets, "faq.md"),
});
const hours = new elevenlabs.KnowledgeBaseDocument("opening-hours", {
  agentId: agent.agentId,
  name: "Opening hours",
  text: "ACME support is open Monday to Friday, 9:00 to 17:00 Pacific time.",
});
new elevenlabs.AgentKnowledgeBaseIndex("support-index", {
  agentId: agent.agentId,
  documentIds: [faq.documentId, hours.documentId],
});

const line = new elevenlabs.PhoneNumber("support-line", {
  agentId: agent.agentId,
  country: "US",
  areaCode: "415",
  capabilities: { voice: true, sms: false },
  greetingMessage: "Thank you for calling ACME.",
});

const widget = new elevenlabs.Widget("support-widget", {
  agentId: agent.agentId,
  avatarPath: join(assets, "avatar.png"),
});

export const agentId = agent.agentId;
export const toolId = weather.toolId;
export const knowledgeBaseDocumentIds = [faq.documentId, hours.documentId];
export const phoneNumber = line.phoneNumber;
export const secretId = weatherKey.secretId;
export const workspaceSettings = settings.settings;
export const widgetEmbedCode = widget.embedCode;
