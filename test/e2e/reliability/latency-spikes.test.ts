import { describeDeployUnderFault } from "./deploy-under-fault";

// A third of the requests wait 1.5 s more: answers arrive out of order, and documents are polled
// while their creates are still slow. Nothing fails, so one up must do.
describeDeployUnderFault({
  fault: "latency spikes of 1.5 s on a third of the requests",
  faults: { latencyMs: 20, latencySpike: { rate: 0.33, ms: 1500 }, seed: 7 },
  injected: "latencySpike",
  maxUps: 1,
});
