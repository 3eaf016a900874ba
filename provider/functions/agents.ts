import type { ElevenLabsClient } from "../client/client";
import { type RouteName, routes } from "../client/routes";
import { functionsCodec } from "../codec/index";
import type { JsonObject } from "../diff/json";
import { ElevenLabsError, ErrorCode, UnexpectedResponseError } from "../errors";
import { checkArguments, objectId } from "./arguments";

export interface SignedUrl {
  /** A wss:// URL a browser can open without the API key. */
  signedUrl: string;
  expiresAt?: string;
  [key: string]: unknown;
}

/** The signed-URL routes, in the order tried: the contract's, then the live service's. */
export const SIGNED_URL_ROUTES = ["agents.signedUrl", "conversation.signedUrl"] as const satisfies readonly RouteName[];
export type SignedUrlRoute = (typeof SIGNED_URL_ROUTES)[number];

/**
 * A signed WebSocket URL for a private agent; hand it to a browser instead of the API key. With
 * `route` unset, the contract's route is tried first and the live service's
 * (`/conversation/get-signed-url?agent_id=…`) when the contract's is not there (a 404 that names
 * no agent, or a 405).
 */
export async function getSignedUrl(
  client: ElevenLabsClient,
  agentId: string,
  options: { route?: SignedUrlRoute } = {},
): Promise<SignedUrl> {
  checkArguments("getSignedUrl", { agentId: objectId }, { agentId });
  const tried = options.route ? [options.route] : SIGNED_URL_ROUTES;
  for (const [i, route] of tried.entries()) {
    // An id that the route's path does not hold goes in the query.
    const inPath = routes[route].path.includes("{agent_id}");
    try {
      const answer = await client.request<JsonObject>(route, {
        path: inPath ? { agent_id: agentId } : {},
        query: inPath ? undefined : { agent_id: agentId },
      });
      const decoded = functionsCodec.decode(answer) as SignedUrl;
      if (typeof decoded?.signedUrl !== "string" || !/^wss?:\/\//.test(decoded.signedUrl)) {
        throw new ElevenLabsError(
          `${route}: the answer for agent ${agentId} has no ws(s) "signed_url"`,
          ErrorCode.UnexpectedResponse,
        );
      }
      return decoded;
    } catch (error) {
      const absent = error instanceof UnexpectedResponseError || (error as { status?: number }).status === 405;
      if (!absent || i === tried.length - 1) throw error;
    }
  }
  throw new Error("unreachable: SIGNED_URL_ROUTES is not empty");
}
