import {
  ConversationClosedError,
  ConversationError,
  ConversationRefusedError,
  ConversationServerError,
  ConversationTimeoutError,
  ElevenLabsError,
} from "../errors";
import type { Layer } from "./types";

/** A step did not get what it expected: the layer that failed, what arrived, and why. */
export class StepFailure extends Error {
  override name = "StepFailure";
  constructor(
    readonly layer: Layer,
    readonly got: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The test failed (enforce mode): the message is the whole human report. */
export class SmokeTestFailedError extends ElevenLabsError {
  override name = "SmokeTestFailedError";
  constructor(report: string) {
    super(report, "SMOKE_TEST_FAILED");
  }
}

/** Server error codes that say the agent could not hear (recognition) or speak (synthesis). */
const CODE_LAYERS: Record<string, Layer> = {
  RECOGNITION_UNAVAILABLE: "recognition",
  RECOGNITION_FAILED: "recognition",
  SYNTHESIS_FAILED: "synthesis",
  TTS_FAILED: "synthesis",
};

/** Close codes: 1008 is bad input or auth, 1002 an operational error, 1011 the server's own. */
function closeLayer(code: number): Layer {
  return code === 1000 ? "agent" : "connection";
}

/** Any error a step or the connection threw, as a failure with its layer. */
export function asStepFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  if (error instanceof ConversationTimeoutError) return new StepFailure("timeout", "nothing in time", error.message);
  if (error instanceof ConversationServerError)
    return new StepFailure(CODE_LAYERS[error.code] ?? "connection", `error ${error.code}`, error.message);
  if (error instanceof ConversationClosedError)
    return new StepFailure(closeLayer(error.closeCode), `the call closed (${error.closeCode})`, error.message);
  if (error instanceof ConversationRefusedError)
    return new StepFailure("connection", `refused (${error.status})`, error.message);
  if (error instanceof ConversationError || error instanceof ElevenLabsError)
    return new StepFailure("connection", error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new StepFailure("connection", "an error", message);
}
