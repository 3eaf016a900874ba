import { getClient, parseBaseUrl } from "../client/client";
import type { RouteName } from "../client/routes";
import { routes } from "../client/routes";
import { ConfigError, ErrorCode, UnexpectedResponseError } from "../errors";

/**
 * Where a conversation socket is opened: the public URL derived from the API base URL, or a
 * signed URL asked of the API with the key. The key goes only into the `xi-api-key` header of
 * that request (through the provider's ApiClient, so errors, retries and rate limits are the
 * usual ones); a signed URL's token is never put in a message.
 */

/** The signed-URL routes, in the order tried: the contract's, then the live service's. */
export const SIGNED_URL_ROUTES = ["agents.signedUrl", "conversation.signedUrl"] as const satisfies readonly RouteName[];
export type SignedUrlRoute = (typeof SIGNED_URL_ROUTES)[number];

/** `ws(s)://host/<base path>/conversation?agent_id=…` for a base URL such as `https://api.elevenlabs.io`. */
export function publicConversationUrl(baseUrl: string, agentId: string): string {
  const url = parseBaseUrl(baseUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/conversation`;
  url.search = new URLSearchParams({ agent_id: agentId }).toString();
  return url.toString();
}

/**
 * A signed URL for `agentId`. With `route` unset, the contract's route is tried first and the
 * live one when the contract's is not there (a 404 that names no agent, or a 405).
 */
export async function fetchSignedUrl(options: {
  baseUrl: string;
  apiKey: string;
  agentId: string;
  route?: SignedUrlRoute;
}): Promise<string> {
  const client = getClient({ apiKey: options.apiKey, baseUrl: options.baseUrl });
  const tried = options.route ? [options.route] : SIGNED_URL_ROUTES;
  for (const [i, route] of tried.entries()) {
    // An id that the route's path does not hold goes in the query (the live route's `?agent_id=`).
    const inPath = routes[route].path.includes("{agent_id}");
    try {
      const body = await client.request<{ signed_url?: unknown }>(route, {
        path: inPath ? { agent_id: options.agentId } : {},
        query: inPath ? undefined : { agent_id: options.agentId },
      });
      if (typeof body?.signed_url !== "string" || !/^wss?:\/\//.test(body.signed_url)) {
        throw new ConfigError(
          `${route}: the answer for agent ${options.agentId} has no ws(s) "signed_url"`,
          ErrorCode.UnexpectedResponse,
        );
      }
      return body.signed_url;
    } catch (error) {
      const absent = error instanceof UnexpectedResponseError || (error as { status?: number }).status === 405;
      if (!absent || i === tried.length - 1) throw error;
    }
  }
  throw new Error("unreachable");
}

/** A socket URL fit for a message: the query (which may hold a signed token) reduced to `agent_id`. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const agentId = u.searchParams.get("agent_id");
    u.search = agentId ? `?agent_id=${agentId}` : "";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}
