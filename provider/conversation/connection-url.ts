import { getClient, parseBaseUrl } from "../client/client";
import { getSignedUrl } from "../functions/agents";
import type { ProfileName } from "../profiles/types";

/**
 * Where a conversation socket is opened: the public URL derived from the API base URL, or a
 * signed URL asked of the API with the key. The key goes only into the `xi-api-key` header of
 * that request (through the provider's ApiClient, so errors, retries and rate limits are the
 * usual ones); a signed URL's token is never put in a message.
 */

/** `ws(s)://host/<base path>/conversation?agent_id=…` for a base URL such as `https://api.elevenlabs.io`. */
export function publicConversationUrl(baseUrl: string, agentId: string): string {
  const url = parseBaseUrl(baseUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/conversation`;
  url.search = new URLSearchParams({ agent_id: agentId }).toString();
  return url.toString();
}

/** A signed URL for `agentId`, asked with the key through the provider's shared ApiClient. */
export async function fetchSignedUrl(options: {
  baseUrl: string;
  apiKey: string;
  agentId: string;
  profile?: ProfileName;
}): Promise<string> {
  const client = getClient({ apiKey: options.apiKey, baseUrl: options.baseUrl, profile: options.profile });
  return (await getSignedUrl(client, options.agentId)).signedUrl;
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
