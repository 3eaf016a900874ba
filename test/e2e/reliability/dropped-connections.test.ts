import { describeDeployUnderFault } from "./deploy-under-fault";

// One request in five loses its connection before the server does anything. To the client it
// looks like a lost answer (it cannot know the request was not applied), so creates look for
// what they may have made before repeating. An operation dropped five times fails the up; the
// next one must converge.
// In the live profile that lookup reads the live API's lists (cursor pages, a bare array of
// phone numbers, workspace documents), so a wrong reading there would duplicate or fail.
describeDeployUnderFault({
  fault: "20 % of connections dropped unanswered",
  faults: { dropRate: 0.2, seed: 21 },
  injected: "drop",
  maxUps: 2,
  profiles: ["seed", "live"],
});
