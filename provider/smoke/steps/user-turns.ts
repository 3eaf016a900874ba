import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { readWav } from "../../audio/wav";
import type { RecordedEvent } from "../../conversation/index";
import { SYNTH_RATE, synthesizeSamples } from "../../speech/synthesizer";
import { body, DEFAULTS, type ScriptedCall } from "../call";
import { StepFailure } from "../failure";
import type { StepOutcome } from "./index";

/** Text spoken by the bundled synthesizer (eSpeak NG), as float samples the client streams. */
async function speech(text: string): Promise<{ samples: Float32Array; sampleRate: number; durationMs: number }> {
  let pcm: Int16Array;
  try {
    pcm = (await synthesizeSamples(text)).samples;
  } catch (error) {
    throw new StepFailure("synthesis", "no audio", `the test's own synthesizer failed: ${(error as Error).message}`);
  }
  const samples = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) samples[i] = (pcm[i] as number) / 0x8000;
  return { samples, sampleRate: SYNTH_RATE, durationMs: (pcm.length / SYNTH_RATE) * 1000 };
}

function streamOptions(call: ScriptedCall) {
  return { speed: call.options.speed };
}

export async function say(call: ScriptedCall, text: string): Promise<StepOutcome> {
  const audio = await speech(text);
  await call.waitForFloor();
  const { startedAt, endedAt } = await call.client.sendAudio(audio, streamOptions(call));
  call.turn = { kind: "audio", said: text, startedAt, endedAt };
  call.scriptedAudioMs += audio.durationMs;
  return { expected: `say "${text}"`, got: `${Math.round(audio.durationMs)} ms of speech sent` };
}

export async function audioFile(call: ScriptedCall, path: string): Promise<StepOutcome> {
  let bytes: Buffer;
  let durationMs: number;
  try {
    bytes = readFileSync(resolve(call.options.baseDir, path));
    const wav = readWav(bytes);
    durationMs = (wav.samples.length / wav.sampleRate) * 1000;
  } catch (error) {
    throw new StepFailure("connection", "no audio", `cannot read ${path} as WAV: ${(error as Error).message}`);
  }
  await call.waitForFloor();
  const { startedAt, endedAt } = await call.client.sendAudio(bytes, streamOptions(call));
  call.turn = { kind: "audio", startedAt, endedAt };
  call.scriptedAudioMs += durationMs;
  return { expected: `audio ${path}`, got: `${Math.round(durationMs)} ms of audio sent` };
}

export async function text(call: ScriptedCall, message: string): Promise<StepOutcome> {
  await call.waitForFloor();
  const { sentAt } = await call.client.sendText(message);
  call.turn = { kind: "text", said: message, startedAt: sentAt, endedAt: sentAt };
  return { expected: `text "${message}"`, got: "sent" };
}

/** How long the agent must have been talking before the test speaks over it. */
const TALK_BEFORE_INTERRUPTING_MS = 300;
/** How long after the interruption no audio of the cut response may arrive. */
const CUT_GRACE_MS = 500;

/**
 * Speaks over the agent's answer to the last turn; passes when the server sends `interruption`
 * and no further audio of the cut response arrives (a player would drop it, but a server that keeps
 * sending has not stopped).
 */
export async function interrupt(call: ScriptedCall, words: string): Promise<StepOutcome> {
  const audio = await speech(words);
  const expected = `interrupt with "${words}": the agent's audio stops`;
  let first: RecordedEvent;
  try {
    first = await call.client.waitFor((e) => e.direction === "in" && e.type === "audio", {
      since: call.since,
      timeoutMs: call.stepBudget(),
      description: "the agent to start talking (to interrupt it)",
    });
  } catch {
    throw new StepFailure("timeout", "the agent never started talking", "nothing to interrupt");
  }
  const speaking = body(first).audio_event?.event_id;
  await sleep(Math.max(0, first.at + TALK_BEFORE_INTERRUPTING_MS - call.client.now()));
  // Over: played out and nothing more for a moment (audio paced at real time arrives just in time).
  const lastAudio = call.incoming("audio", first.at).at(-1)?.at ?? first.at;
  if (call.client.now() >= call.playhead() && call.client.now() - lastAudio > DEFAULTS.quietMs)
    throw new StepFailure(
      "agent",
      "the agent had finished speaking",
      "its answer was over before the test could speak over it: interrupt an answer that lasts longer",
    );
  const sending = call.client.sendAudio(audio, streamOptions(call));
  const spokeAt = call.client.now();
  let cut: RecordedEvent;
  try {
    cut = await call.client.waitFor((e) => e.direction === "in" && e.type === "interruption", {
      since: spokeAt,
      timeoutMs: call.stepBudget(),
      description: "an interruption",
    });
  } catch {
    await sending.catch(() => {});
    throw new StepFailure("agent", "no interruption", "the agent kept talking over the user");
  }
  const cutId = body(cut).interruption_event?.event_id ?? speaking;
  await sleep(CUT_GRACE_MS);
  const { startedAt, endedAt } = await sending;
  call.turn = { kind: "audio", said: words, startedAt, endedAt };
  call.scriptedAudioMs += audio.durationMs;
  const late = call.events.filter(
    (e) =>
      e.direction === "in" &&
      e.type === "audio" &&
      e.at > cut.at + CUT_GRACE_MS / 5 &&
      typeof body(e).audio_event?.event_id === "number" &&
      body(e).audio_event.event_id <= cutId,
  );
  if (late.length > 0)
    throw new StepFailure(
      "agent",
      `${late.length} audio chunks of the cut response after the interruption`,
      "the agent announced the interruption but kept sending the cut response's audio",
    );
  const latencyMs = Math.round(cut.at - spokeAt);
  return { expected, got: `interruption of response ${cutId} after ${latencyMs} ms`, latencyMs };
}
