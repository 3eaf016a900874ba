/**
 * Speech helpers shared by the emulator (decoding user audio, encoding agent audio) and the
 * smoke-test client (reading WAV turns, sending them in the agent's input format). A top-level
 * module of its own so neither side imports the other: the emulator never sees the provider's
 * models, and the provider does not ship the emulator to use three functions.
 */
export * from "./formats";
export * from "./pcm";
export * from "./wav";
