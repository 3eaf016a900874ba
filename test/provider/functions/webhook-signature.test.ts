import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "../../../provider/webhook-signature";

const secret = "whsec_test";
const body = JSON.stringify({ event: "conversation.ended", data: { conversation_id: "conv_1" } });
const sign = (payload: string | Buffer, key = secret) => createHmac("sha256", key).update(payload).digest("hex");

describe("verifyWebhookSignature", () => {
  it("accepts the hex HMAC-SHA256 of the raw body, as string or Buffer, any hex case, optional sha256= prefix", () => {
    expect(verifyWebhookSignature(body, sign(body), secret)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(body), sign(body), secret)).toBe(true);
    expect(verifyWebhookSignature(body, sign(body).toUpperCase(), secret)).toBe(true);
    expect(verifyWebhookSignature(body, `sha256=${sign(body)}`, secret)).toBe(true);
  });

  it("rejects another body, another secret, and a re-serialised body", () => {
    expect(verifyWebhookSignature(`${body} `, sign(body), secret)).toBe(false);
    expect(verifyWebhookSignature(body, sign(body, "other"), secret)).toBe(false);
    expect(verifyWebhookSignature(JSON.stringify(JSON.parse(body), null, 2), sign(body), secret)).toBe(false);
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

  it("is false for an empty secret", () => {
    expect(verifyWebhookSignature(body, sign(body, ""), "")).toBe(false);
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
