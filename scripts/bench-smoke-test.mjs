// Smoke-test overhead benchmark (issue 10) of the BUILT package (npm run build first): how much
// longer a ConversationSmokeTest run takes than the user audio its script streams, against the
// emulator's shop agent. The overhead is split into what the test must wait for by design (the
// agent's own speech, which it listens through before taking the floor, and the agent's response
// latency, 700 ms of which is the server's end-of-turn silence) and the remainder (connecting,
// synthesizing the script's speech, the greeting listen, the quiet gaps, closing).
// A measurement, not a test: it prints figures and exits 0 unless something breaks.

import { runSmokeTest } from "../dist/provider/smoke/index.js";
import { startShopEmulator } from "./bench/shop-agent.mjs";

const RUNS = 3;
const { emu, shopAgent } = await startShopEmulator({ conversationStepMs: 20 });
const agentId = await shopAgent(
  "Hello, this is the Acme store. How can I help?",
  "The store opens at nine in the morning and closes at six in the evening.\n\nParking is free behind the building.",
);

const steps = [
  { say: "What time does the store open?" },
  { expectAgent: { contains: "nine" } },
  { say: "Is parking free?" },
  { expectAgent: { contains: "free" } },
  { say: "Goodbye." },
  { expectEnd: true },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const speed of [1, "max"]) {
  const result = await runSmokeTest(
    { agentId, speed, repeat: RUNS, passThreshold: 1, steps },
    { baseUrl: emu.baseUrl, apiKey: emu.apiKey },
  );
  if (!result.passed) {
    console.error(result.runs.map((r) => r.failure).filter(Boolean));
    throw new Error(`the benchmark script failed at speed ${speed}`);
  }
  const per = result.runs.map((r) => {
    const latency = r.responseLatencies.reduce((a, b) => a + b, 0);
    const agentSpeech = r.audio?.durationMs ?? 0;
    // At "max" the script's audio is sent at once, so none of the run is spent streaming it.
    const streaming = speed === 1 ? r.scriptedAudioMs : 0;
    const overhead = r.durationMs - streaming;
    return {
      total: r.durationMs,
      scripted: streaming,
      overhead,
      agentSpeech,
      latency,
      rest: overhead - agentSpeech - latency,
    };
  });
  const m = (key) => Math.round(median(per.map((p) => p[key])));
  rows.push({
    speed: String(speed),
    "run (ms)": m("total"),
    "streaming the script (ms)": m("scripted"),
    "overhead (ms)": m("overhead"),
    "agent speech (ms)": m("agentSpeech"),
    "response latency (ms)": m("latency"),
    "rest (ms)": m("rest"),
  });
}
console.log(
  `Smoke-test overhead beyond its scripted audio (median of ${RUNS} runs; 3 spoken turns, greeting, end of call):`,
);
console.table(rows);
await emu.close();
