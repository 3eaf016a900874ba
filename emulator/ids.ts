import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Server-set ids look like the contract's: `agent_abc123xyz`, `doc_…`, `req_…`. */
export function newId(prefix: string, length = 16): string {
  const bytes = randomBytes(length);
  let out = `${prefix}_`;
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export const nowIso = (): string => new Date().toISOString();
