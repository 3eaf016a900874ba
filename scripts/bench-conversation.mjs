// Conversation benchmark of the BUILT emulator (build first: npx tsc -p tsconfig.build.json).
// 1. Word error rate of the recogniser on the committed speech fixtures (through the socket).
// 2. 50 concurrent conversations streaming agent audio: the worst lateness of a chunk against
//    real-time pacing (chunk n due n x 100 ms after the response's first chunk, at the client).
// 3. 10 concurrent spoken turns: time from the end of the user's speech (its last speech chunk
//    sent, chunks paced in real time) to the first chunk of the agent's answer, p50 and p95.
// A measurement, not a test: it prints figures and exits 0 unless something breaks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import WebSocket from "ws";
import { encodeAudio } from "../dist/provider/audio/pcm.js";
import { readWav } from "../dist/provider/audio/wav.js";
import { startShopEmulator } from "./bench/shop-agent.mjs";

const FIXTURES = join(import.meta.dirname, "..", "test", "fixtures", "speech");
const LONG_GREETING =
  "Hello and welcome to the Acme store. We are open every day from nine in the morning until six in the evening, " +
  "parking is free behind the building, and returns are accepted within thirty days.";

const { emu, shopAgent: agent } = await startShopEmulator();

/** Opens a conversation; `onMessage(message, receivedAt)` sees every server message. */
function open(agentId, onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${emu.url.replace("http", "ws")}/v1/convai/conversation?agent_id=${agentId}`);
    ws.on("message", (data) => onMessage(JSON.parse(String(data)), performance.now()));
    ws.on("open", () => {
      ws.send(JSON.stringify({ type: "conversation_initiation_client_data" }));
      resolve(ws);
    });
    ws.on("error", reject);
  });
}

const speech = (name) => {
  const wav = readWav(readFileSync(join(FIXTURES, name)));
  return encodeAudio(wav.samples, wav.sampleRate, "pcm_16000");
};
/** Sends 100 ms chunks, paced in real time when asked; resolves when the speech part is sent. */
async function sendTurn(ws, audio, realTime) {
  const step = 3200;
  const all = Buffer.concat([audio, Buffer.alloc(32000)]);
  const started = performance.now();
  let endOfSpeech = 0;
  for (let at = 0, n = 0; at < all.length; at += step, n++) {
    ws.send(JSON.stringify({ user_audio_chunk: all.subarray(at, at + step).toString("base64") }));
    if (at + step >= audio.length && !endOfSpeech) endOfSpeech = performance.now();
    if (realTime) await new Promise((r) => setTimeout(r, Math.max(0, started + (n + 1) * 100 - performance.now())));
  }
  return endOfSpeech;
}
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const words = (s) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** What the recogniser heard in one fixture, streamed as fast as the socket takes it. */
async function transcriptOf(agentId, file) {
  let heard;
  const transcript = new Promise((resolve) => {
    heard = resolve;
  });
  const ws = await open(agentId, (m) => {
    if (m.type === "user_transcript") heard(m.user_transcription_event.user_transcript);
  });
  await sendTurn(ws, speech(file), false);
  const text = await transcript;
  ws.close();
  return text;
}

/** Lateness (ms) of each chunk of the agent's greeting against its real-time schedule. */
async function greetingLateness(agentId) {
  const late = [];
  let first;
  let finished;
  const done = new Promise((resolve) => {
    finished = resolve;
  });
  const ws = await open(agentId, (m, at) => {
    if (m.type !== "audio") return;
    first ??= at;
    late.push(at - (first + late.length * 100));
    if (m.audio_event.is_final) finished();
  });
  await done;
  ws.close();
  return late;
}

/** From the end of a real-time spoken question to the first chunk of the answer, in ms. */
async function spokenTurnDelay(agentId) {
  let answered;
  const firstAudio = new Promise((resolve) => {
    answered = resolve;
  });
  const ws = await open(agentId, (m, at) => {
    if (m.type === "audio") answered(at);
  });
  const endOfSpeech = await sendTurn(ws, speech("store-hours.wav"), true);
  const delay = (await firstAudio) - endOfSpeech;
  ws.close();
  return delay;
}

// 1. Word error rate.
const quiet = await agent("");
const transcripts = JSON.parse(readFileSync(join(FIXTURES, "transcripts.json"), "utf8"));
let errors = 0;
let total = 0;
console.log("word error rate on test/fixtures/speech (shop agent vocabulary):");
for (const [file, text] of Object.entries(transcripts)) {
  const heard = await transcriptOf(quiet, file);
  const e = editDistance(words(text), words(heard));
  errors += e;
  total += words(text).length;
  console.log(`  ${file.padEnd(26)} ${String(e).padStart(2)} errors  said "${text}"  heard "${heard}"`);
}
console.log(`  WER ${((100 * errors) / total).toFixed(1)}% (${errors} errors in ${total} words)`);

// 2. 50 concurrent conversations streaming agent audio.
const talker = await agent(LONG_GREETING);
const lateness = (await Promise.all(Array.from({ length: 50 }, () => greetingLateness(talker)))).flat();
const worst = Math.max(...lateness);
console.log(
  `50 concurrent conversations, ${lateness.length} agent audio chunks of 100 ms: ` +
    `worst lateness ${worst.toFixed(1)} ms, p99 ${percentile(lateness, 99).toFixed(1)} ms`,
);

// 3. 10 concurrent spoken turns.
const delays = await Promise.all(Array.from({ length: 10 }, () => spokenTurnDelay(quiet)));
console.log(
  `10 concurrent spoken turns, end of speech to first agent audio: p50 ${percentile(delays, 50).toFixed(0)} ms, ` +
    `p95 ${percentile(delays, 95).toFixed(0)} ms (silence_duration_ms 700 of it is the turn detector waiting)`,
);
await emu.close();
