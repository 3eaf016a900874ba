// Benchmark of the provider's ConversationClient against the BUILT emulator (build first:
// npx tsc -p tsconfig.build.json). What the client itself adds, on the client's event clock:
// 1. connect → conversation_initiation_metadata, 20 conversations one after another: p50 / p95.
// 2. real-time pacing of sendAudio: 10 concurrent callers stream a 2.4 s question in 250 ms
//    chunks; each chunk's lateness against its schedule (n × 250 ms after the first): p99 / worst.
// 3. end of the user's speech (sendAudio's endedAt) → first agent audio, for those 10 turns:
//    p50 / p95 (compare with bench-conversation.mjs figure 3, which uses a raw socket and
//    100 ms chunks). The emulator runs in a child process (its CLI).
// A measurement, not a test: it prints figures and exits 0 unless something breaks.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { ConversationClient } from "../dist/provider/index.js";

const FIXTURES = join(import.meta.dirname, "..", "test", "fixtures", "speech");
// The emulator runs in its own process, so its work (synthesis, VAD) does not delay the client's timers.
const child = spawn(
  process.execPath,
  [
    join(import.meta.dirname, "..", "dist", "emulator", "cli.js"),
    "--port",
    "0",
    "--rate-limit",
    "0",
    "--api-key",
    "bench-key",
    "--quiet",
  ],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const [line] = await once(createInterface({ input: child.stdout }), "line");
const emu = { url: line.replace("listening on ", ""), apiKey: "bench-key" };
emu.baseUrl = `${emu.url}/v1/convai`;
const { agent_id: agentId } = await (
  await fetch(`${emu.baseUrl}/agents`, {
    method: "POST",
    headers: { "xi-api-key": emu.apiKey, "content-type": "application/json" },
    body: JSON.stringify({ name: "Acme shop", conversation_config: { agent: { first_message: "" } } }),
  })
).json();
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

// 1. Connect latency.
const connects = [];
for (let i = 0; i < 20; i++) {
  const client = await ConversationClient.connect({ baseUrl: emu.url, agentId });
  const metadata = client.events.find((e) => e.type === "conversation_initiation_metadata");
  connects.push(metadata.at);
  await client.close();
}
console.log(
  `connect → metadata, 20 conversations: p50 ${fmt(percentile(connects, 50))}, p95 ${fmt(percentile(connects, 95))}`,
);

// 2 + 3. Ten concurrent real-time spoken turns, after one that puts the answer in the
// emulator's speech cache (its synthesis runs on this process's event loop, ~1/10 of real time,
// and ten at once would be measured instead of the client).
const wav = readFileSync(join(FIXTURES, "store-hours.wav"));
{
  const warm = await ConversationClient.connect({ baseUrl: emu.url, agentId });
  const { endedAt } = await warm.sendAudio(wav, { speed: Infinity });
  await warm.waitFor((e) => e.type === "audio" && e.at >= endedAt, {
    timeoutMs: 20_000,
    description: "warm-up answer",
  });
  await warm.close();
}
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const turns = await Promise.all(
  Array.from({ length: 10 }, async () => {
    const client = await ConversationClient.connect({ baseUrl: emu.url, agentId });
    const { startedAt, endedAt } = await client.sendAudio(wav);
    const chunks = client.events.filter((e) => e.type === "user_audio_chunk");
    const lateness = chunks.map((e, n) => e.at - (startedAt + n * 250));
    const audio = await client.waitFor((e) => e.type === "audio" && e.at >= endedAt, {
      timeoutMs: 20_000,
      description: "the answer's first audio",
    });
    await client.close();
    return { lateness, delay: audio.at - endedAt };
  }),
);
loop.disable();
const lateness = turns.flatMap((t) => t.lateness);
console.log(
  `sendAudio pacing, 10 concurrent callers, ${lateness.length} chunks of 250 ms: ` +
    `p99 ${fmt(percentile(lateness, 99))}, worst ${fmt(Math.max(...lateness))} late ` +
    `(event-loop delay of the client's process: p99 ${fmt(loop.percentile(99) / 1e6)}, max ${fmt(loop.max / 1e6)})`,
);
const delays = turns.map((t) => t.delay);
console.log(
  `end of speech → first agent audio, 10 concurrent turns: p50 ${fmt(percentile(delays, 50))}, ` +
    `p95 ${fmt(percentile(delays, 95))} (silence_duration_ms 700 of it is the turn detector waiting)`,
);
child.kill("SIGTERM");
await once(child, "exit");
