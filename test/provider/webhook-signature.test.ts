import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "../../provider/webhook-signature";
import { startReceiver } from "../emulator/helpers";
import { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";

const secret = "whsec_test";
const body = JSON.stringify({
  event: "conversation.ended",
  timestamp: "2026-01-02T03:04:05.000Z",
  data: { conversation_id: "conv_1" },
});
const mac = (payload: string | Buffer, key = secret) => createHmac("sha256", key).update(payload);
const sign = (payload: string | Buffer, key = secret) => mac(payload, key).digest("hex");
const HEX = "0123456789abcdef";

/** `signature` with the hex digit at `index` replaced by another one (`shift` 1..15 picks which). */
const flip = (signature: string, index: number, shift = 1) =>
  signature.slice(0, index) + HEX[(HEX.indexOf(signature[index] as string) + shift) % 16] + signature.slice(index + 1);

describe("verifyWebhookSignature", () => {
  it("accepts the hex HMAC-SHA256 of the raw body, as string or Buffer, any hex case, optional sha256= prefix", () => {
    expect(verifyWebhookSignature(body, sign(body), secret)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(body), sign(body), secret)).toBe(true);
    expect(verifyWebhookSignature(body, sign(body).toUpperCase(), secret)).toBe(true);
    expect(verifyWebhookSignature(body, `sha256=${sign(body)}`, secret)).toBe(true);
    expect(verifyWebhookSignature(body, `  ${sign(body)}\n`, secret)).toBe(true);
  });

  it("rejects another body, another secret, and a re-serialised body", () => {
    expect(verifyWebhookSignature(`${body} `, sign(body), secret)).toBe(false);
    expect(verifyWebhookSignature(body, sign(body, "other"), secret)).toBe(false);
    expect(verifyWebhookSignature(body, sign(body, "whsec_tesT"), secret)).toBe(false);
    expect(verifyWebhookSignature(JSON.stringify(JSON.parse(body), null, 2), sign(body), secret)).toBe(false);
  });

  it("rejects a replayed signature on a body whose timestamp was changed", () => {
    const replayed = body.replace("03:04:05", "03:04:06");
    expect(replayed).not.toBe(body);
    expect(verifyWebhookSignature(replayed, sign(body), secret)).toBe(false);
  });

  // The near misses: a comparison that stops early (first bytes only) or skips a byte passes the
  // tests above, which only try signatures that are wrong everywhere.
  it.each(Array.from({ length: 64 }, (_, i) => i))("rejects the signature with hex digit %i changed", (index) => {
    const near = flip(sign(body), index);
    expect(near).toHaveLength(64);
    expect(verifyWebhookSignature(body, near, secret)).toBe(false);
    expect(verifyWebhookSignature(body, `sha256=${near}`, secret)).toBe(false);
    expect(verifyWebhookSignature(body, near.toUpperCase(), secret)).toBe(false);
  });

  it("rejects one changed hex digit anywhere, for any body and secret (property)", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 0, max: 63 }),
        fc.integer({ min: 1, max: 15 }),
        (payload, key, index, shift) => {
          const right = sign(payload, key);
          expect(verifyWebhookSignature(payload, right, key)).toBe(true);
          expect(verifyWebhookSignature(payload, flip(right, index, shift), key)).toBe(false);
        },
      ),
    );
  });

  it("rejects the signature cut short or extended by any number of hex digits", () => {
    const right = sign(body);
    for (let length = 0; length < 64; length++) {
      expect(verifyWebhookSignature(body, right.slice(0, length), secret)).toBe(false);
    }
    for (const extra of ["0", "00", right.slice(0, 2), right]) {
      expect(verifyWebhookSignature(body, right + extra, secret)).toBe(false);
      expect(verifyWebhookSignature(body, extra + right, secret)).toBe(false);
    }
  });

  it("rejects the right MAC in another encoding: base64, base64url, hex of a SHA-1 or of the digest twice", () => {
    expect(verifyWebhookSignature(body, mac(body).digest("base64"), secret)).toBe(false);
    expect(verifyWebhookSignature(body, mac(body).digest("base64url"), secret)).toBe(false);
    expect(verifyWebhookSignature(body, `sha256=${mac(body).digest("base64")}`, secret)).toBe(false);
    expect(verifyWebhookSignature(body, createHmac("sha1", secret).update(body).digest("hex"), secret)).toBe(false);
    expect(verifyWebhookSignature(body, sign(sign(body)), secret)).toBe(false);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["short", "abcd"],
    ["truncated", sign(body).slice(0, 63)],
    ["too long", `${sign(body)}00`],
    ["not hex", "z".repeat(64)],
    ["other scheme", `sha1=${sign(body)}`],
  ])("is false, not a throw, for a %s header", (_name, header) => {
    expect(verifyWebhookSignature(body, header, secret)).toBe(false);
  });

  it("is false for an empty secret, and for no secret at all from a JavaScript caller", () => {
    expect(verifyWebhookSignature(body, sign(body, ""), "")).toBe(false);
    expect(verifyWebhookSignature(body, sign(body, ""), undefined as unknown as string)).toBe(false);
  });

  it("verifies a real delivery from the emulator, read from the header WEBHOOK_SIGNATURE_HEADER names", async () => {
    const emulator = await TestEmulator.start();
    const receiver = await startReceiver(() => ({ status: 200 }));
    try {
      const hook = { url: `${receiver.url}/hook`, secret: "whsec_delivery" };
      expect((await emulator.api("PATCH", "/workspace/settings", { settings: { webhook: hook } })).status).toBe(200);
      const { agent_id } = (await emulator.api("POST", "/agents", { name: "signed" })).body;
      await emulator.api("PATCH", `/agents/${agent_id}`, { name: "renamed" });
      const delivery = await waitFor(() => receiver.received[0]);
      const header = delivery.headers[WEBHOOK_SIGNATURE_HEADER] as string;
      expect(verifyWebhookSignature(delivery.body, header, "whsec_delivery")).toBe(true);
      expect(verifyWebhookSignature(delivery.body, header, "whsec_other")).toBe(false);
    } finally {
      await receiver.close();
      await emulator.close();
    }
  });

  it("never throws and only accepts the right signature (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (payload, header) => {
        const result = verifyWebhookSignature(payload, header, secret);
        expect(result).toBe(
          header !== undefined &&
            header
              .trim()
              .replace(/^sha256=/i, "")
              .toLowerCase() === sign(payload),
        );
      }),
    );
  });
});
