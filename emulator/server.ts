import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { App } from "./app";
import { EmulatorError } from "./errors";
import type { FaultAction } from "./faults";
import { readBody, sendJson, sleep } from "./http-io";
import { newId } from "./ids";
import type { Reply, RequestContext, Router } from "./router";
import { apiRouter, testRouter } from "./routes/index";
import { SOURCE_FILES_PREFIX, serveSourceFile } from "./source-files";

export const API_PREFIX = "/v1/convai";
const TEST_PREFIX = "/_emulator";

/**
 * The request pipeline. For `/v1/convai`: route match -> stats -> faults -> auth -> rate
 * limit -> handler. Faults run before auth and before any handler, so an injected 5xx, 429 or
 * dropped connection never changes state — except a lost response, which is applied first.
 */
export function createEmulatorServer(app: App): Server {
  const api = apiRouter(app.profile);
  const test = testRouter();
  const expectedKey = Buffer.from(app.options.apiKey);

  const handle = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<Reply | undefined> => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const query = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
    const method = req.method ?? "GET";

    if (app.options.testEndpoints && (path === TEST_PREFIX || path.startsWith(`${TEST_PREFIX}/`))) {
      return dispatch(test, { app, req, method, path: path.slice(TEST_PREFIX.length), query, params: {}, requestId });
    }
    if (method === "GET" && path.startsWith(SOURCE_FILES_PREFIX)) return serveSourceFile(app, path, query);
    if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) {
      throw new EmulatorError(404, "NOT_FOUND", `no route for ${method} ${path}`);
    }

    const sub = path.slice(API_PREFIX.length);
    const match = api.match(method, sub);
    const template = match.template ? `${API_PREFIX}${match.template}` : path;
    app.stats.count(`${method} ${template}`);
    res.once("finish", () => app.stats.countStatus(res.statusCode));
    // Until the work is done, not until the client goes: a request whose client vanished still lands.
    const done = app.stats.begin();
    try {
      return await serve({ req, res, method, path, sub, query, match, template, requestId });
    } finally {
      done();
    }
  };

  /** The concurrency slot, then the rest, for a matched `/v1/convai` request. */
  const serve = async (r: {
    req: IncomingMessage;
    res: ServerResponse;
    method: string;
    path: string;
    sub: string;
    query: URLSearchParams;
    match: ReturnType<Router["match"]>;
    template: string;
    requestId: string;
  }): Promise<Reply | undefined> => {
    const { req } = r;
    void readBody(req); // now, before latency: see readBody
    // On arrival and held through injected latency: a slow server is a busy one.
    const key = req.headers["xi-api-key"];
    const release = app.concurrency.acquire(typeof key === "string" ? key : "");
    try {
      return await authorizeAndServe(r, key);
    } finally {
      release();
    }
  };

  /** Faults, auth, rate limit, then the route's handler. */
  const authorizeAndServe = async (
    r: Parameters<typeof serve>[0],
    key: string | string[] | undefined,
  ): Promise<Reply | undefined> => {
    const { req, res, method, path, sub, query, match, template, requestId } = r;
    const fault = app.faults.decide(method, template);
    countFaults(app, fault);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.kind === "drop") {
      req.socket.destroy();
      return undefined;
    }
    const retryAfter: Record<string, string> =
      fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
    if (fault.kind === "storm") {
      const [code, message] = fault.busy
        ? ["SYSTEM_BUSY", "The system is busy (injected fault)"]
        : ["RATE_LIMIT_EXCEEDED", "Too many requests (injected fault)"];
      throw new EmulatorError(429, code, message, {}, retryAfter);
    }
    if (fault.kind === "error") {
      const message = "Internal server error (injected fault)";
      throw new EmulatorError(fault.status ?? 503, "INTERNAL_ERROR", message, {}, retryAfter);
    }

    if (typeof key !== "string" || !sameKey(key, expectedKey)) {
      for (const [name, value] of Object.entries(app.rateLimiter.peek())) res.setHeader(name, value);
      // Never echo the key: the message says only whether one was sent.
      throw new EmulatorError(401, "AUTHENTICATION_ERROR", key ? "Invalid API key" : "Missing xi-api-key header");
    }
    const limit = app.rateLimiter.take(key);
    for (const [name, value] of Object.entries(limit.headers)) res.setHeader(name, value);
    if (limit.retryAfter !== undefined) {
      throw new EmulatorError(429, "RATE_LIMIT_EXCEEDED", "Too many requests", {
        limit: app.rateLimiter.limit,
        retry_after_seconds: limit.retryAfter,
      });
    }

    if (!match.route) {
      if (match.allowed.length > 0) {
        throw new EmulatorError(
          405,
          "METHOD_NOT_ALLOWED",
          `${method} is not allowed on ${template}`,
          { allowed: match.allowed },
          { allow: match.allowed.join(", ") },
        );
      }
      throw new EmulatorError(404, "NOT_FOUND", `no route for ${method} ${path}`);
    }
    const reply = await match.route.handler({ app, req, method, path: sub, query, params: match.params, requestId });
    if (fault.loseResponse === "drop") {
      req.socket.destroy();
      return undefined;
    }
    if (fault.loseResponse !== undefined) {
      throw new EmulatorError(
        fault.loseResponse,
        "INTERNAL_ERROR",
        "Upstream timed out (injected fault, the request was applied)",
      );
    }
    return reply;
  };

  return createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const started = performance.now();
    const requestId = newId("req", 20);
    res.setHeader("x-request-id", requestId);
    handle(req, res, requestId)
      .then((reply) => {
        if (!reply) return;
        if ("raw" in reply) {
          // An empty answer (a live delete) has no content type; a 204 has no length either.
          res.writeHead(reply.status, {
            ...(reply.contentType ? { "content-type": reply.contentType } : {}),
            ...(reply.status === 204 ? {} : { "content-length": reply.raw.length }),
          });
          res.end(reply.status === 204 ? undefined : reply.raw);
        } else sendJson(res, reply.status, reply.body, reply.headers);
      })
      .catch((error: unknown) => {
        const known = error instanceof EmulatorError;
        if (!known)
          app.options.log(`internal error on ${req.method} ${req.url?.split("?")[0]}: ${(error as Error).stack}`);
        const e = known ? error : new EmulatorError(500, "INTERNAL_ERROR", "Internal server error");
        if (res.headersSent || res.destroyed) return;
        const rendered = app.profile.renderError(e, requestId);
        sendJson(res, rendered.status, rendered.body, e.headers);
      })
      .finally(() => {
        app.options.log(
          `${req.method} ${req.url?.split("?")[0]} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms ${requestId}`,
        );
      });
  });
}

async function dispatch(router: Router, ctx: RequestContext): Promise<Reply> {
  const match = router.match(ctx.method, ctx.path);
  if (!match.route) {
    const status = match.allowed.length > 0 ? 405 : 404;
    throw new EmulatorError(
      status,
      status === 405 ? "METHOD_NOT_ALLOWED" : "NOT_FOUND",
      `no route for ${ctx.method} /_emulator${ctx.path}`,
    );
  }
  return match.route.handler({ ...ctx, params: match.params });
}

function countFaults(app: App, fault: FaultAction): void {
  if (fault.spikeMs) app.stats.countFault("latencySpike");
  if (fault.latencyMs > (fault.spikeMs ?? 0)) app.stats.countFault("latency");
  if (fault.kind === "drop" || fault.kind === "storm" || fault.kind === "error") app.stats.countFault(fault.kind);
  if (fault.loseResponse !== undefined) app.stats.countFault("lostResponse");
}

function sameKey(given: string, expected: Buffer): boolean {
  const buf = Buffer.from(given);
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}
