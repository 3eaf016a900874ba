import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, FormData as UndiciFormData, Response as UndiciResponse } from "undici";
import {
  ApiError,
  BASE_URL_HINT,
  ConfigError,
  ConnectionError,
  ElevenLabsError,
  ErrorCode,
  TimeoutError,
  UnexpectedResponseError,
} from "../errors";
import type { ProfileName, WireProfile } from "../profiles/types";
import { defaultProfileFor, WIRE_PROFILES } from "../profiles/wire";
import { RateLimiter } from "./limiter";
import {
  type AttemptOutcome,
  decideRetry,
  header,
  mayHaveBeenApplied,
  type ResponseHeaders,
  type RetryPolicy,
  serverRequestedDelay,
} from "./retry";
import { buildTarget, type ListRouteName, type RouteName, type RouteSpec } from "./routes";

export interface ClientOptions {
  /** Sent as `xi-api-key`; never part of any message, error or log line. */
  apiKey: string;
  /** @example "http://127.0.0.1:4010/v1/convai" (a trailing slash is ignored) */
  baseUrl: string;
  /** Per attempt, from sending the request to the end of the response body. @default 30_000 */
  timeoutMs?: number;
  /** Retries after errors (5xx, timeouts, connection failures). @default 4 */
  maxRetries?: number;
  /** Retries after 429s, counted apart from `maxRetries` (see RetryPolicy): a 429 is never applied, so riding out a long storm is safe. @default 30 */
  maxRateLimitRetries?: number;
  /** Backoff is uniform in [0, min(retryMaxDelayMs, retryBaseDelayMs * 2^n)]. @default 500 */
  retryBaseDelayMs?: number;
  /** @default 8_000 */
  retryMaxDelayMs?: number;
  /** Longest wait honoured from Retry-After / X-RateLimit-Reset. @default 60_000 */
  maxRetryAfterMs?: number;
  /**
   * Client-side token bucket, until the server's X-RateLimit-Limit replaces it; absent = none
   * until the server announces a limit; 0 = never. @default absent
   */
  requestsPerMinute?: number;
  /** In-flight requests per client (also the size of the keep-alive pool). @default 8 */
  maxConcurrency?: number;
  /** Which API the server speaks. @default "live" for the vendor's hosts, "seed" elsewhere */
  profile?: ProfileName;
}

export interface RequestArgs {
  /** Values for the route's `{name}` segments; percent-encoded. */
  path?: Record<string, string>;
  /** `undefined` values are left out; an array is one repeated parameter per element. */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (global or undici FormData). */
  form?: FormData | UndiciFormData;
  /** Allow retrying a POST on 5xx, timeouts and connection errors (it is retried on 429 anyway). */
  idempotent?: boolean;
  /**
   * For a POST that is not idempotent: after an answer that leaves it unknown whether the server
   * acted (5xx, timeout, dropped connection), looks for what the request would have made. A
   * result is returned as the request's own; `undefined` proves nothing was made, so the POST
   * is repeated like an idempotent one. This is how creates retry without duplicating.
   */
  recover?: () => Promise<unknown>;
  /** Set by `request`: the object ids the route carries, for the not-found rule. */
  pathValues?: readonly string[];
  /** Set by `request`: the route answers text, not JSON (its spec's `answers`). */
  answersText?: boolean;
}

export type PageArgs = RequestArgs & {
  /** @default 100 */
  pageSize?: number;
};

const USER_AGENT = "pulumi-elevenlabs";
/** The live API's 429 code for too many requests at once (live-vs-seed.md §1). */
const CONCURRENCY_REFUSED = "too_many_concurrent_requests";

/** Connection failures where no byte of the request reached the server, so even a POST is safe to repeat. */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown }; errors?: { code?: unknown }[] } | null;
  const code = e?.code ?? e?.cause?.code ?? e?.errors?.[0]?.code;
  return typeof code === "string" ? code : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Attempt =
  | { ok: true; value: unknown; outcome: AttemptOutcome }
  | { ok: false; error: ElevenLabsError; outcome: AttemptOutcome };

/**
 * The ConvAI API client: one `request()` over the route table, retries in `decideRetry`, a
 * shared limiter, one keep-alive pool. Use {@link getClient} in the provider so that every
 * resource of the process shares one client.
 */
export class ElevenLabsClient {
  /** ES-private so neither `util.inspect` nor `JSON.stringify` of the client shows it. */
  readonly #apiKey: string;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #agent: Agent;
  readonly #limiter: RateLimiter;
  readonly #timeoutMs: number;
  readonly #policy: RetryPolicy;
  /** The API this client speaks: routes, error envelope, request budget. */
  readonly profile: WireProfile;

  constructor(options: ClientOptions) {
    if (!options.apiKey) throw new ConfigError("ElevenLabsClient: apiKey is empty", ErrorCode.ConfigMissingApiKey);
    const url = parseBaseUrl(options.baseUrl);
    this.#apiKey = options.apiKey;
    this.#origin = url.origin;
    this.#basePath = url.pathname.replace(/\/+$/, "");
    this.profile = WIRE_PROFILES[options.profile ?? defaultProfileFor(options.baseUrl)];
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#policy = {
      maxRetries: options.maxRetries ?? 4,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 30,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      retryMaxDelayMs: options.retryMaxDelayMs ?? 8_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    };
    const maxConcurrency = Math.max(1, options.maxConcurrency ?? 8);
    this.#limiter = new RateLimiter({ requestsPerMinute: options.requestsPerMinute, maxConcurrency });
    this.#agent = new Agent({ connections: maxConcurrency, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  }

  /** Requests in flight at most: the configured cap, lowered when the server refuses for concurrency. */
  get maxConcurrency(): number {
    return this.#limiter.maxConcurrency;
  }

  /** The rate the client holds itself to: the configured one until the server announces its own. */
  get requestsPerMinute(): number {
    return this.#limiter.requestsPerMinute;
  }

  /** The route as this client's profile defines it; a route the profile lacks is an error naming the profile. */
  route(name: RouteName): RouteSpec {
    const spec = this.profile.routes[name];
    if (!spec) {
      throw new ElevenLabsError(
        `${name} is not part of the ${this.profile.name} API profile (elevenlabs:apiProfile)`,
        ErrorCode.NotSupported,
      );
    }
    return spec;
  }

  /** Whether this client's profile has the route. */
  has(name: RouteName): boolean {
    return this.profile.routes[name] !== undefined;
  }

  /** Sends one API call, retrying per {@link decideRetry}; resolves with the parsed JSON body. */
  async request<T = unknown>(route: RouteName, args: RequestArgs = {}): Promise<T> {
    const spec = this.route(route);
    const { method } = spec;
    const target = buildTarget(spec, args.path);
    const path = target.path;
    const body = spec.constants && isRecord(args.body) ? { ...spec.constants, ...args.body } : args.body;
    args = {
      ...args,
      body,
      query: { ...target.query, ...args.query },
      pathValues: target.used,
      answersText: spec.answers === "text",
    };
    let retriesSoFar = 0;
    let rateLimitedSoFar = 0;
    for (;;) {
      const release = await this.#limiter.acquire();
      let attempt: Attempt;
      try {
        attempt = await this.#attempt(method, path, args);
      } finally {
        release();
      }
      // Only an answer other than 429 shows the server took the request in; a lost connection shows nothing.
      if (attempt.outcome.kind === "response" && attempt.outcome.status !== 429) this.#limiter.accepted();
      if (attempt.ok)
        return (spec.answerField && isRecord(attempt.value) ? attempt.value[spec.answerField] : attempt.value) as T;
      if (attempt.error.code === CONCURRENCY_REFUSED) this.#limiter.concurrencyRefused();

      let idempotent = args.idempotent;
      if (
        args.recover &&
        !idempotent &&
        retriesSoFar < this.#policy.maxRetries &&
        mayHaveBeenApplied(attempt.outcome)
      ) {
        // A failed lookup leaves the question open: the original error is the one to report.
        const found = await args.recover().catch(() => Promise.reject(attempt.error));
        if (found !== undefined) return found as T;
        idempotent = true;
      }
      const now = Date.now();
      const decision = decideRetry(
        attempt.outcome,
        { method, idempotent, retriesSoFar, rateLimitedSoFar, now },
        this.#policy,
      );
      if (!decision.retry) throw this.#finalError(attempt.error, retriesSoFar + rateLimitedSoFar + 1);
      const status = attempt.outcome.kind === "response" ? attempt.outcome.status : 0;
      if (status === 429) rateLimitedSoFar++;
      else retriesSoFar++;
      // A 429 or a server-requested wait speaks for the whole client, not just this request.
      if (decision.serverRequested || status === 429) this.#limiter.pauseUntil(now + decision.delayMs);
      await sleep(decision.delayMs);
    }
  }

  /**
   * Yields the items of every page, as the route's profile pages: `pages` (page=0.., stopping on
   * has_more=false, the last page, or an empty page), `cursor` (until has_more is false or there
   * is no next_cursor) or `array` (one unpaged answer).
   */
  async *paginate<T = unknown>(route: ListRouteName, args: PageArgs = {}): AsyncIterable<T> {
    const { pageSize = 100, ...rest } = args;
    const spec = this.route(route);
    const itemsOf = (body: unknown, where: string): T[] => {
      const items = spec.paging === "array" ? body : isRecord(body) ? body[spec.items ?? ""] : undefined;
      if (!Array.isArray(items)) {
        const at = spec.paging === "array" ? "a JSON array" : `an array at "${spec.items}"`;
        throw new ElevenLabsError(`${route}: expected ${at} in the response ${where}`, ErrorCode.UnexpectedResponse);
      }
      return items as T[];
    };
    if (spec.paging === "array") {
      yield* itemsOf(await this.request(route, rest), "");
      return;
    }
    if (spec.paging === "cursor") {
      let cursor: string | undefined;
      for (let n = 0; ; n++) {
        const body = await this.request(route, { ...rest, query: { ...rest.query, cursor, page_size: pageSize } });
        yield* itemsOf(body, `of page ${n}`);
        const next = isRecord(body) ? body.next_cursor : undefined;
        if ((isRecord(body) && body.has_more === false) || typeof next !== "string" || next === "" || next === cursor)
          return;
        cursor = next;
      }
    }
    let seen = 0;
    for (let page = 0; ; page++) {
      const body = await this.request(route, { ...rest, query: { ...rest.query, page, page_size: pageSize } });
      const items = itemsOf(body, `of page ${page}`);
      yield* items;
      seen += items.length;
      const meta = isRecord(body) && isRecord(body.pagination) ? body.pagination : undefined;
      const totalCount = meta?.total_count ?? (isRecord(body) ? body.total_count : undefined);
      if (items.length === 0 || meta?.has_more === false) return;
      if (typeof meta?.total_pages === "number" && page + 1 >= meta.total_pages) return;
      if (meta?.has_more === true) continue;
      if (typeof totalCount === "number" && seen >= totalCount) return;
      // No paging metadata at all: the endpoint is not paginated; asking again would repeat page 0.
      if (meta === undefined && totalCount === undefined) return;
    }
  }

  async listAll<T = unknown>(route: ListRouteName, args: PageArgs = {}): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this.paginate<T>(route, args)) all.push(item);
    return all;
  }

  /** Closes the keep-alive pool. Clients from {@link getClient} live for the process; tests close their own. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #attempt(method: string, path: string, args: RequestArgs): Promise<Attempt> {
    const headers: Record<string, string> = {
      "xi-api-key": this.#apiKey,
      accept: "application/json",
      "user-agent": USER_AGENT,
    };
    let body: string | Buffer | undefined;
    if (args.form !== undefined) {
      // undici 8 only accepts its own FormData instances; encoding through the matching
      // Response class works for both and gives the multipart boundary header.
      const encoded =
        args.form instanceof UndiciFormData ? new UndiciResponse(args.form) : new Response(args.form as FormData);
      headers["content-type"] = encoded.headers.get("content-type") ?? "multipart/form-data";
      body = Buffer.from(await encoded.arrayBuffer());
    } else if (args.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(args.body);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const fullPath = this.#basePath + path + queryString(args.query);
    try {
      const res = await this.#agent.request({
        origin: this.#origin,
        path: fullPath,
        method: method as "GET",
        headers,
        body,
        signal: controller.signal,
      });
      const text = await res.body.text();
      const resHeaders = res.headers as ResponseHeaders;
      this.#limiter.observe(resHeaders);
      const status = res.statusCode;
      const outcome: AttemptOutcome = { kind: "response", status, headers: resHeaders };
      const response = {
        status,
        headers: resHeaders,
        text,
        method,
        path,
        url: this.#origin + fullPath,
        pathValues: args.pathValues ?? [],
        redact: (t: string) => this.#redact(t),
        retryAfterMs: serverRequestedDelay(status, resHeaders, Date.now()),
      };
      if (status < 200 || status >= 300) {
        const error = ApiError.fromResponse(response, this.profile.errors, this.profile.name);
        return { ok: false, error, outcome };
      }
      if (args.answersText) return { ok: true, value: text, outcome };
      if (text.trim() === "") return { ok: true, value: undefined, outcome };
      const value = parseJson(text);
      if (value !== NOT_JSON) return { ok: true, value, outcome };
      const type = header(resHeaders, "content-type") ?? "no content type";
      const error = new UnexpectedResponseError(
        { status, code: ErrorCode.UnexpectedResponse, message: "not JSON", method, path },
        `${method} ${response.url} answered ${status} with a body that is not JSON (${type}): ` +
          `it is not an ElevenLabs API route. ${BASE_URL_HINT}`,
      );
      return { ok: false, error, outcome };
    } catch (err) {
      const code = errorCode(err);
      if (code === "UND_ERR_INVALID_ARG") throw err; // a bug in the request we built, not the network
      if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
        return {
          ok: false,
          error: new TimeoutError(`${method} ${path} timed out after ${this.#timeoutMs} ms`),
          outcome: { kind: "timeout" },
        };
      }
      return {
        ok: false,
        error: new ConnectionError(`${method} ${path}: could not reach ${this.#origin} (${code ?? "unknown error"})`, {
          cause: err,
        }),
        outcome: { kind: "connection", neverSent: code !== undefined && NEVER_SENT.has(code) },
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** What the caller sees once retries are spent: a connection error says how often and what to check. */
  #finalError(error: ElevenLabsError, attempts: number): ElevenLabsError {
    if (!(error instanceof ConnectionError)) return error;
    const host = new URL(this.#origin).hostname;
    const loopback = host === "localhost" || host === "[::1]" || host.startsWith("127.");
    const hint = loopback
      ? ` Is the emulator running? Start it with \`npx elevenlabs-emulator\` and set elevenlabs:baseUrl to the URL it prints.`
      : ` Check the network and elevenlabs:baseUrl (${this.#origin}${this.#basePath}).`;
    const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
    return new ConnectionError(`${error.message}, after ${tries}.${hint}`, { cause: error.cause });
  }

  /** Belt and braces: a server that echoes the key back must not get it into an error. */
  #redact(text: string): string {
    return text.split(this.#apiKey).join("[redacted]");
  }
}

const NOT_JSON = Symbol("not JSON");
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** The API's own path below the host: a base URL of the host alone gets it added. */
export const API_PATH = "/v1/convai";

/**
 * The host alone (`http://127.0.0.1:8787`, `https://api.elevenlabs.io`) means the API under
 * `/v1/convai` — what a newcomer copies from the emulator's "listening on" line. Any other path
 * is kept as given (a proxy may mount the API elsewhere); if it is not an API, the first call
 * says so (see ApiError.fromResponse).
 */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
    throw new ConfigError(
      `elevenlabs:baseUrl must be an http(s) URL such as "https://api.elevenlabs.io" or "http://127.0.0.1:PORT" ` +
        `(the API host, optionally followed by ${API_PATH}), got ${JSON.stringify(baseUrl)}`,
      ErrorCode.ConfigInvalidBaseUrl,
    );
  }
  if (url.pathname === "/" || url.pathname === "") url.pathname = API_PATH;
  return url;
}

function queryString(query: RequestArgs["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      params.append(key, String(one));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

const clients = new Map<string, ElevenLabsClient>();

/**
 * One client per (base URL, API key) for the whole process, so every resource shares one
 * keep-alive pool and one limiter. The key is hashed for the cache key, never stored in it.
 * Options other than `apiKey`/`baseUrl` take effect for the first call only.
 */
export function getClient(options: ClientOptions): ElevenLabsClient {
  const keyHash = createHash("sha256").update(options.apiKey).digest("hex").slice(0, 16);
  const profile = options.profile ?? defaultProfileFor(options.baseUrl);
  const cacheKey = `${options.baseUrl.replace(/\/+$/, "")}#${profile}#${keyHash}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new ElevenLabsClient({ ...options, profile });
    clients.set(cacheKey, client);
  }
  return client;
}
