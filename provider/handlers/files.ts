/** Local files referenced by inputs (knowledge-base uploads, widget avatars): hashing and reading. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { request } from "undici";
import type { JsonObject } from "../diff/json";
import type { CheckFailure } from "../models/validate";
import { UNKNOWN } from "../models/validate";

/** Paths are relative to the provider's working directory, which the engine sets to the project's. */
export function readLocalFile(path: string): { bytes: Buffer; name: string } {
  return { bytes: readFileSync(resolve(path)), name: basename(path) };
}

/**
 * check: sets `inputs[hashKey]` to the sha256 of the file at `inputs[pathKey]`, so that the
 * diff follows the content rather than the path. An unreadable file is a check failure.
 */
export function hashFileInput(inputs: JsonObject, pathKey: string, hashKey: string): CheckFailure[] {
  const path = inputs[pathKey];
  if (typeof path !== "string") {
    delete inputs[hashKey];
    return [];
  }
  if (path === UNKNOWN) {
    inputs[hashKey] = UNKNOWN;
    return [];
  }
  try {
    inputs[hashKey] = createHash("sha256").update(readLocalFile(path).bytes).digest("hex");
    return [];
  } catch (err) {
    return [
      {
        property: pathKey,
        reason: `cannot read ${JSON.stringify(path)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      },
    ];
  }
}

/**
 * The sha256 of what a signed download URL answers (an uploaded document's original), compared
 * with `hashFileInput`'s. The URL carries its own authorisation and points outside the API, so
 * no API key goes with it. `undefined` when the download does not succeed: unverifiable.
 */
export async function hashOfDownload(url: string): Promise<string | undefined> {
  if (!/^https?:\/\//.test(url)) return undefined;
  const res = await request(url, { method: "GET", headersTimeout: 30_000, bodyTimeout: 60_000 }).catch(() => undefined);
  if (!res) return undefined;
  if (res.statusCode < 200 || res.statusCode >= 300) {
    await res.body.dump();
    return undefined;
  }
  const hash = createHash("sha256");
  for await (const chunk of res.body) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A multipart body with the file as part `fileField` (the route's) and the given string fields. */
export function fileForm(path: string, fields: Record<string, string | undefined>, fileField = "file"): FormData {
  const { bytes, name } = readLocalFile(path);
  const form = new FormData();
  form.append(fileField, new Blob([new Uint8Array(bytes)]), name);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  return form;
}
