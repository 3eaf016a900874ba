import type { ElevenLabsClient } from "../client/client";

export interface SignedUrl {
  /** A wss:// URL a browser can open without the API key. */
  signed_url: string;
  expires_at?: string;
  [key: string]: unknown;
}

/** A signed WebSocket URL for a private agent; hand it to a browser instead of the API key. */
export function getSignedUrl(client: ElevenLabsClient, agentId: string): Promise<SignedUrl> {
  return client.request<SignedUrl>("agents.signedUrl", { path: { agent_id: agentId } });
}
