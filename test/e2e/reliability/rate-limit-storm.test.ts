import { describeDeployUnderFault } from "./deploy-under-fault";

// The next 16 requests are all answered 429 with Retry-After: 1, whatever they are. The deploy
// opens with the first listing of tools, which every tool create waits for, often alone in
// flight: it may be refused all 16 times, far more than the 4 retries errors get. The client
// must wait as told (pausing every request, not just the refused one) and keep going: a 429 is
// never applied, so even creates are simply repeated, and 429s have a retry budget of their own
// (30; it was 12, and a run where the listing met 13 of the 16 failed every tool).
// In the live profile each 429 is `{"detail":{"status":"too_many_concurrent_requests"}}`, the
// live API's concurrency refusal: retried the same way, and the client also lowers its cap on
// requests in flight to what it had in flight when refused (at least 1) for the rest of the deploy.
describeDeployUnderFault({
  fault: "a storm of 16 429s",
  faults: { rateLimitStorm: { count: 16 } },
  injected: "storm",
  maxUps: 1,
  profiles: ["seed", "live"],
});
