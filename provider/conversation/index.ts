/** The conversation client and the checks over what it recorded (exported from `pulumi-elevenlabs/provider`). */

export { type AgentAudio, decodeAgentAudio } from "./agent-audio";
export * from "./audio-checks";
export type { AudioStreamOptions, UserAudio } from "./audio-stream";
export {
  type ClientToolHandler,
  type ClientToolOutcome,
  type CloseInfo,
  ConversationClient,
  type ConversationClientOptions,
} from "./client";
export { describeUrl, fetchSignedUrl, publicConversationUrl } from "./connection-url";
export type { RecordedEvent } from "./events";
export { type ParsedServerMessage, parseServerMessage } from "./messages";
export { type ClientToolResult, pongFor, toolResultFor } from "./replies";
