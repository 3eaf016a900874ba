import { request } from "undici";
import { nowIso } from "../ids";
import type { ToolSpec } from "../profiles/profile";
import type { Store } from "../store/store";
import { parametersOf } from "./agent";

export interface ToolOutcome {
  response: unknown;
  isError: boolean;
}

/**
 * Makes the HTTP request a server tool defines: `{name}` in the URL is a path parameter;
 * parameters go where their `location` says (default: the query for GET and DELETE, else the JSON
 * body); `{NAME}` in the URL or a header value that names a workspace secret is replaced by the
 * secret's value (and the secret's `last_used` set); `timeout_seconds` (20) bounds the call.
 * A network error, a timeout or a non-2xx answer is a tool error, never a failed conversation.
 */
export async function callServerTool(
  store: Store,
  tool: ToolSpec,
  parameters: Record<string, unknown>,
  shutdown: AbortSignal,
): Promise<ToolOutcome> {
  const method = tool.method ?? "GET";
  const secrets = new Map(store.list("secrets").map((s) => [s.name, s]));
  const used = new Set<string>();
  const fillSecrets = (text: string) =>
    text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
      const secret = secrets.get(name);
      if (!secret) return whole;
      used.add(secret.secret_id);
      return secret.value;
    });

  const query: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  let url = tool.url ?? "";
  const declared = parametersOf(tool);
  for (const p of declared) {
    const value = parameters[p.name];
    if (value === undefined) continue;
    const location =
      p.location ?? (url.includes(`{${p.name}}`) ? "path" : method === "GET" || method === "DELETE" ? "query" : "body");
    if (location === "path") url = url.replaceAll(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (location === "query") query[p.name] = String(value);
    else if (location === "header") headers[p.name] = String(value);
    else body[p.name] = value;
  }
  const target = new URL(fillSecrets(url));
  for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
  for (const [k, v] of Object.entries(tool.headers)) {
    // A secret by reference (`{secret_id}`, the live form), or `{NAME}` placeholders in a string.
    if (typeof v === "string") headers[k] = fillSecrets(v);
    else {
      const secret = store.get("secrets", v.secret_id);
      if (secret) {
        used.add(secret.secret_id);
        headers[k] = secret.value;
      }
    }
  }
  const hasBody = Object.keys(body).length > 0;
  if (hasBody) headers["content-type"] = "application/json";

  for (const id of used) {
    const secret = store.get("secrets", id);
    if (secret) store.put("secrets", id, { ...secret, last_used: nowIso() });
  }
  try {
    const res = await request(target, {
      method: method as "GET",
      headers,
      body: hasBody ? JSON.stringify(body) : undefined,
      signal: AbortSignal.any([shutdown, AbortSignal.timeout(tool.timeoutSeconds * 1000)]),
    });
    const text = await res.body.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (res.statusCode < 200 || res.statusCode > 299) {
      return { response: { status: res.statusCode, body: parsed }, isError: true };
    }
    return { response: parsed, isError: false };
  } catch (error) {
    return { response: { error: (error as Error).message }, isError: true };
  }
}
