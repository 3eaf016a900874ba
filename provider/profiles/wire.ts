/** The wire part of each profile, and which profile a base URL gets by default. */
import { liveErrors } from "./live/errors";
import { liveRoutes } from "./live/routes";
import { seedErrors } from "./seed/errors";
import { seedRoutes } from "./seed/routes";
import { PROFILE_NAMES, type ProfileName, type WireProfile } from "./types";

export const WIRE_PROFILES: Record<ProfileName, WireProfile> = {
  seed: { name: "seed", routes: seedRoutes, errors: seedErrors, requestsPerMinute: 100 },
  // The live API documents no per-minute limit, only concurrency (429 too_many_concurrent_requests).
  live: { name: "live", routes: liveRoutes, errors: liveErrors, requestsPerMinute: 0 },
};

/** api.elevenlabs.io, api.us.elevenlabs.io and the residency hosts api.<region>.residency.elevenlabs.io. */
export function isVendorHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "api.elevenlabs.io" ||
    host === "api.us.elevenlabs.io" ||
    /^api\.[a-z0-9-]+\.residency\.elevenlabs\.io$/.test(host)
  );
}

/** `live` for the vendor's hosts, `seed` (the contract, what the emulator speaks by default) elsewhere. */
export function defaultProfileFor(baseUrl: string): ProfileName {
  try {
    return isVendorHost(new URL(baseUrl).hostname) ? "live" : "seed";
  } catch {
    return "seed"; // an unparseable base URL is reported by the client
  }
}

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}
