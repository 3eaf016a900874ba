import { z } from "zod";
import type { Reply } from "../../router";

/** ISO 8601 (how the store keeps time) to the live API's unix seconds. */
export const unixSecs = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** `access_info` of everything the emulator's one user creates (PYT `resource_access_info.py`). */
export const ACCESS_INFO = {
  is_creator: true,
  creator_name: "Emulator User",
  creator_email: "user@emulator.local",
  role: "admin",
} as const;

/** Answers without a body: 204 (secrets), or 200 with an empty body (agents). */
export const empty = (status: 200 | 204): Reply => ({ status, raw: Buffer.alloc(0), contentType: "" });

/** `?force=true`: deletes detach the object from the agents using it instead of refusing. */
export const forced = (query: URLSearchParams): boolean => query.get("force") === "true";

export const unit = z.number().min(0).max(1);
