// The Echogarden WebAssembly build ships no type declarations; this is the part used here.
declare module "@echogarden/espeak-ng-emscripten" {
  const init: () => Promise<{ eSpeakNGWorker: new () => unknown }>;
  export default init;
}
