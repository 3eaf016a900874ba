import type { ElevenLabsClient } from "../client/client";
import { functionsCodec } from "../codec/index";
import type { JsonObject } from "../diff/json";
import { checkArguments, objectId } from "./arguments";

export interface SignedUrl {
  /** A wss:// URL a browser can open without the API key. */
  signedUrl: string;
  expiresAt?: string;
  [key: string]: unknown;
}

/** A signed WebSocket URL for a private agent; hand it to a browser instead of the API key. */
export async function getSignedUrl(client: ElevenLabsClient, agentId: string): Promise<SignedUrl> {
  checkArguments("getSignedUrl", { agentId: objectId }, { agentId });
  const answer = await client.request<JsonObject>("agents.signedUrl", { path: { agent_id: agentId } });
  return functionsCodec.decode(answer) as SignedUrl;
}
