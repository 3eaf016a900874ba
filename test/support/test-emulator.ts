/**
 * The one way tests reach the emulator: a real `startEmulator` on 127.0.0.1 port 0, a raw API
 * caller (what someone clicking in the dashboard would do), and typed helpers for the test-only
 * `/_emulator/*` endpoints (stats, faults, seeding). Every suite (emulator, client, handlers, e2e)
 * uses this; their harness files only add what is specific to them (hooks, provider config).
 */
import { type Dispatcher, request } from "undici";
import type { FaultConfig } from "../../emulator/faults";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator/index";
import type { StatsSnapshot } from "../../emulator/stats";

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response says it is JSON, else the text; undefined when empty. */
  body: T;
}

const TEST_PREFIX = "/_emulator";

export class TestEmulator {
  /** Test endpoints on, no rate limiting, knowledge-base documents ready quickly. */
  static readonly defaults = { testEndpoints: true, rateLimit: 0, kbProcessingDelayMs: 50 } as const;

  private constructor(private readonly running: RunningEmulator) {}

  /** Starts an emulator with `defaults`, each overridable by `options`. */
  static async start(options: EmulatorOptions = {}): Promise<TestEmulator> {
    return new TestEmulator(await startEmulator({ ...TestEmulator.defaults, ...options }));
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    return this.running.url;
  }
  /** `url + "/v1/convai"` */
  get baseUrl(): string {
    return this.running.baseUrl;
  }
  get apiKey(): string {
    return this.running.apiKey;
  }
  /** `seed` or `live`: the API this emulator serves. */
  get profile(): RunningEmulator["profile"] {
    return this.running.profile;
  }

  /**
   * A raw call with the emulator's API key. `path` is relative to `/v1/convai`, except a
   * `/_emulator/...` path, which goes to the server root. An object body is sent as JSON, a string
   * as is (for malformed-body tests); `headers` override the defaults (e.g. another `xi-api-key`).
   * Never throws on an HTTP status: assert it where it matters.
   */
  async api<T = any>(
    method: Dispatcher.HttpMethod,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const url = path.startsWith(TEST_PREFIX) ? `${this.url}${path}` : `${this.baseUrl}${path}`;
    const res = await request(url, {
      method,
      headers: {
        "xi-api-key": this.apiKey,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.body.text();
    const isJson = String(res.headers["content-type"] ?? "").includes("json");
    return {
      status: res.statusCode,
      headers: res.headers as Record<string, string>,
      body: (text === "" ? undefined : isJson ? JSON.parse(text) : text) as T,
    };
  }

  /**
   * Every object of a list route (relative to `/v1/convai`), following its pagination whatever
   * its style: the seed's pages (`pagination.has_more`), the live API's cursors (`next_cursor`),
   * or a bare array (live phone numbers).
   */
  async listAll(path: string, itemsKey: string): Promise<any[]> {
    const items: any[] = [];
    let page = 0;
    let cursor: string | null = null;
    for (;;) {
      const sep = path.includes("?") ? "&" : "?";
      const at: string = cursor === null ? `page=${page}` : `cursor=${encodeURIComponent(cursor)}`;
      const res: ApiResponse = await this.api("GET", `${path}${sep}${at}&page_size=100`);
      if (res.status === 200 && Array.isArray(res.body)) return res.body;
      if (res.status !== 200 || !Array.isArray(res.body?.[itemsKey])) {
        throw new Error(`GET ${path}: expected 200 with "${itemsKey}", got ${res.status} ${JSON.stringify(res.body)}`);
      }
      items.push(...res.body[itemsKey]);
      if (typeof res.body.next_cursor === "string") cursor = res.body.next_cursor;
      else if (res.body.pagination?.has_more) page++;
      else return items;
    }
  }

  /** Request counts of `/v1/convai` since the start or the last `resetStats`. */
  stats(): Promise<StatsSnapshot> {
    return this.testEndpoint("GET", "/stats");
  }

  async resetStats(): Promise<void> {
    await this.testEndpoint("POST", "/stats/reset");
  }

  /** Replaces the fault config; throws if the emulator refuses it (a typo must not pass silently). */
  async setFaults(faults: FaultConfig): Promise<void> {
    await this.testEndpoint("PUT", "/faults", faults);
  }

  /** The fault config in force, with what is left of each storm and burst (a spent one is absent). */
  faults(): Promise<FaultConfig> {
    return this.testEndpoint("GET", "/faults");
  }

  async clearFaults(): Promise<void> {
    await this.testEndpoint("DELETE", "/faults");
  }

  /** Stores a conversation as if it had happened (`agent_id` required); returns it. */
  seedConversation(conversation: Record<string, unknown>): Promise<{ conversation_id: string } & Record<string, any>> {
    return this.testEndpoint("POST", "/conversations", conversation);
  }

  /** Empties the store and resets stats, faults and rate-limit windows. */
  reset(): Promise<void> {
    return this.running.reset();
  }

  close(): Promise<void> {
    return this.running.close();
  }

  /** A test endpoint that is expected to succeed: anything but 2xx throws with the answer. */
  private async testEndpoint<T>(method: Dispatcher.HttpMethod, path: string, body?: unknown): Promise<T> {
    const res = await this.api<T>(method, `${TEST_PREFIX}${path}`, body);
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${method} ${TEST_PREFIX}${path} refused: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }
}
