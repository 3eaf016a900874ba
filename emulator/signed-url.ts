import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signed-URL tokens: `<expiry epoch seconds>.<base64url HMAC-SHA256(agent_id + "." + expiry)>`
 * keyed by a secret drawn per server start, so tokens do not survive a restart.
 */
export class UrlSigner {
  private readonly secret = randomBytes(32);

  sign(agentId: string, expiresAtSec: number): string {
    return `${expiresAtSec}.${this.mac(agentId, expiresAtSec)}`;
  }

  verify(agentId: string, token: string, nowSec = Date.now() / 1000): "ok" | "invalid" | "expired" {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]+)$/.exec(token);
    if (!match) return "invalid";
    const expiresAt = Number(match[1]);
    const given = Buffer.from(match[2] as string);
    const expected = Buffer.from(this.mac(agentId, expiresAt));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
    return expiresAt <= nowSec ? "expired" : "ok";
  }

  private mac(agentId: string, expiresAtSec: number): string {
    return createHmac("sha256", this.secret).update(`${agentId}.${expiresAtSec}`).digest("base64url");
  }
}
