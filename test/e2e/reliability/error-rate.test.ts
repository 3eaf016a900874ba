import { describeDeployUnderFault } from "./deploy-under-fault";

// One request in five answered 500 before it reaches a handler. The provider retries each
// (creates after looking for what the failed attempt may have made); an operation whose five
// attempts all fail (0.2^5 per request) fails the up, and the next up must finish the job.
describeDeployUnderFault({
  fault: "20 % of requests answered 500",
  faults: { errorRate: 0.2, errorStatus: 500, seed: 13 },
  injected: "error",
  maxUps: 2,
});
