import { createHmac, timingSafeEqual } from "node:crypto";

/** The header the API signs webhooks with (contract: "Webhook Security"). */
export const WEBHOOK_SIGNATURE_HEADER = "x-elevenlabs-signature";

const HEX_SHA256 = /^(?:sha256=)?([0-9a-f]{64})$/i;

/**
 * True when `header` is the hex HMAC-SHA256 of the raw request body under `secret`
 * (an optional `sha256=` prefix is accepted). Pass the body exactly as received, before any
 * JSON parsing. Missing or malformed headers and an empty secret give false, never a throw;
 * the comparison is constant-time.
 * @example verifyWebhookSignature(rawBody, req.headers["x-elevenlabs-signature"], secret)
 */
export function verifyWebhookSignature(rawBody: string | Buffer, header: string | undefined, secret: string): boolean {
  if (typeof header !== "string" || typeof secret !== "string" || secret === "") return false;
  const match = HEX_SHA256.exec(header.trim());
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(match[1], "hex");
  // Both are 32 bytes by construction (the regex), so timingSafeEqual cannot throw on length.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
