import { describeDeployUnderFault } from "./deploy-under-fault";

// One request in five is applied and then loses its answer (the connection drops): the one
// fault that changes state behind the client's back. A create repeated blindly would duplicate;
// the provider must find what it made. Creates only, every time: test/e2e/lost-answers.test.ts.
describeDeployUnderFault({
  fault: "20 % of answers lost after the request was applied",
  faults: { lostResponseRate: 0.2, lostResponseAs: "drop", seed: 5 },
  injected: "lostResponse",
  maxUps: 2,
});
