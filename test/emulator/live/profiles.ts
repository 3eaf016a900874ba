import type { ApiResponse, TestEmulator } from "../../support/test-emulator";
import { agentBody } from "./helpers";

/**
 * What a profile-neutral test needs to know of each profile: where an agent is created, where
 * its id is in the answer, and where an error's code is. Tests of behaviour both profiles share
 * (faults, stats, limits, auth) run once per entry of `PROFILE_CASES`.
 */
export interface ProfileCase {
  profile: "seed" | "live";
  createAgent(t: TestEmulator): Promise<ApiResponse>;
  createAgentRoute: string;
  errorCode(res: ApiResponse): string | undefined;
  /** The codes of a 429 for too many requests, of a busy system, and of a bad key. */
  codes: { tooMany: string; busy: string; badKey: string };
}

export const PROFILE_CASES: ProfileCase[] = [
  {
    profile: "seed",
    createAgent: (t) => t.api("POST", "/agents", { name: "Both" }),
    createAgentRoute: "POST /v1/convai/agents",
    errorCode: (res) => res.body?.error?.code,
    codes: { tooMany: "RATE_LIMIT_EXCEEDED", busy: "SYSTEM_BUSY", badKey: "AUTHENTICATION_ERROR" },
  },
  {
    profile: "live",
    createAgent: (t) => t.api("POST", "/agents/create", agentBody()),
    createAgentRoute: "POST /v1/convai/agents/create",
    errorCode: (res) => res.body?.detail?.status,
    codes: { tooMany: "too_many_concurrent_requests", busy: "system_busy", badKey: "invalid_api_key" },
  },
];
