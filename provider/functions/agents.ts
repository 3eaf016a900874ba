import type { ElevenLabsClient } from "../client/client";
import type { JsonObject } from "../diff/json";
import { ElevenLabsError, ErrorCode } from "../errors";
import { checkArguments, objectId } from "./arguments";
import { functionProfileOf } from "./profiles";

export interface SignedUrl {
  /** A wss:// URL a browser can open without the API key. */
  signedUrl: string;
  expiresAt?: string;
  [key: string]: unknown;
}

/**
 * A signed WebSocket URL for a private agent; hand it to a browser instead of the API key. The
 * route is the client's API profile's (the contract's `GET /agents/{id}/signed-url`, the live
 * service's `GET /conversation/get-signed-url?agent_id=…`).
 */
export async function getSignedUrl(client: ElevenLabsClient, agentId: string): Promise<SignedUrl> {
  checkArguments("getSignedUrl", { agentId: objectId }, { agentId });
  const answer = await client.request<JsonObject>("agents.signedUrl", { path: { agent_id: agentId } });
  const decoded = functionProfileOf(client).codec.decode(answer) as SignedUrl;
  if (typeof decoded?.signedUrl !== "string" || !/^wss?:\/\//.test(decoded.signedUrl)) {
    throw new ElevenLabsError(
      `agents.signedUrl: the answer for agent ${agentId} has no ws(s) "signed_url"`,
      ErrorCode.UnexpectedResponse,
    );
  }
  return decoded;
}
