import { describeDeployUnderFault } from "./deploy-under-fault";

// The next 16 requests are all answered 429 with Retry-After: 1, whatever they are. The deploy
// opens with two requests in flight (the first listing of tools and of secrets, which every
// create of the kind waits for), so each is refused about 8 times: more than the 4 retries
// errors get. The client must wait as told (pausing every request, not just the refused one)
// and keep going: a 429 is never applied, so even creates are simply repeated, and 429s have a
// retry budget of their own (12).
describeDeployUnderFault({
  fault: "a storm of 16 429s",
  faults: { rateLimitStorm: { count: 16 } },
  injected: "storm",
  maxUps: 1,
});
