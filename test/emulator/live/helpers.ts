import { expect } from "vitest";
import type { ApiResponse, TestEmulator } from "../../support/test-emulator";

/** A live-profile emulator for one test file: `TestEmulator.start({ profile: "live" })`. */
export const LIVE = { profile: "live" } as const;

/** Asserts the live API's 4xx envelope `{"detail":{status,message}}` and returns its message. */
export function expectDetail(res: ApiResponse, status: number, code: string): string {
  if (res.status !== status || res.body?.detail?.status !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  expect(Object.keys(res.body)).toEqual(["detail"]);
  expect(typeof res.body.detail.message).toBe("string");
  return res.body.detail.message;
}

/** Asserts FastAPI's 422 `{"detail":[{loc,msg,type}]}` and returns the `loc` paths, joined with dots. */
export function expect422(res: ApiResponse): string[] {
  if (res.status !== 422 || !Array.isArray(res.body?.detail)) {
    throw new Error(`expected 422 with a detail list, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  for (const item of res.body.detail) {
    expect(Object.keys(item).sort()).toEqual(["loc", "msg", "type"]);
    expect(typeof item.msg).toBe("string");
  }
  return res.body.detail.map((d: { loc: (string | number)[] }) => d.loc.join("."));
}

/** Every item of a cursor-paged live list, walking `next_cursor` while `has_more`; also the page count. */
export async function walkCursor(t: TestEmulator, path: string, itemsKey: string, pageSize: number) {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const sep = path.includes("?") ? "&" : "?";
    const query: string = `page_size=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await t.api("GET", `${path}${sep}${query}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([itemsKey, "has_more", "next_cursor"].sort());
    items.push(...res.body[itemsKey]);
    pages++;
    expect(res.body[itemsKey].length).toBeLessThanOrEqual(pageSize);
    if (!res.body.has_more) {
      expect(res.body.next_cursor).toBeNull();
      return { items, pages };
    }
    cursor = res.body.next_cursor;
    expect(typeof cursor).toBe("string");
  }
}

/** A minimal live create-agent body (from PY `agents/raw_client.py` create). */
export const agentBody = (extra: Record<string, unknown> = {}) => ({
  name: "Support",
  conversation_config: { agent: { first_message: "Hello", prompt: { prompt: "Be kind" } } },
  ...extra,
});

/** A live webhook tool (PYT `webhook_tool_config_input.py`). */
export const webhookTool = (name = "get_weather", url = "https://example.com/weather/{city}") => ({
  tool_config: {
    type: "webhook",
    name,
    description: "Gets the weather for a city",
    api_schema: {
      url,
      method: "GET",
      path_params_schema: { city: { type: "string", description: "the city" } },
      request_headers: { Authorization: { secret_id: "secret_abc" } },
    },
  },
});

export const clientTool = (name = "open_page", extra: Record<string, unknown> = {}) => ({
  tool_config: {
    type: "client",
    name,
    description: "Opens a page of the site",
    parameters: { type: "object", properties: { page: { type: "string", description: "the page" } } },
    expects_response: true,
    ...extra,
  },
});
