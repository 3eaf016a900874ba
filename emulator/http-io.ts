import type { IncomingMessage, ServerResponse } from "node:http";
import { EmulatorError, invalid } from "./errors";
import { isPlainObject, type JsonObject } from "./merge-patch";

/** Uploads above this are refused with 413 rather than buffered. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

const bodies = new WeakMap<IncomingMessage, Promise<Buffer>>();

/**
 * The request's body, read once. The server calls it as the request arrives, before injected
 * latency: a request its client sent whole and then walked away from still lands, as on a real
 * server (a crashed deployment's last creates do); handlers then get the same buffer.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  let body = bodies.get(req);
  if (!body) {
    body = collect(req);
    body.catch(() => {}); // reported to whoever awaits it
    bodies.set(req, body);
  }
  return body;
}

async function collect(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new EmulatorError(413, "PAYLOAD_TOO_LARGE", `request body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body; an empty body counts as `{}` so "missing field" errors name the field. */
export async function readJson(req: IncomingMessage): Promise<JsonObject> {
  const raw = await readBody(req);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw invalid("body", `malformed JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(parsed)) throw invalid("body", "must be a JSON object");
  return parsed;
}

/**
 * A multipart/form-data body, parsed by the platform's own `Request.formData()` (undici) so
 * no parser is hand-rolled; anything it rejects is a 400.
 */
export async function readForm(req: IncomingMessage): Promise<FormData> {
  const contentType = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw invalid("body", "must be multipart/form-data with a boundary");
  }
  const raw = await readBody(req);
  try {
    return await new Request("http://emulator.local/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: raw,
    }).formData();
  } catch (error) {
    throw invalid("body", `malformed multipart body: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const payload = JSON.stringify(body);
  if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
