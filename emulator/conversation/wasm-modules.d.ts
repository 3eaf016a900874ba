// The Echogarden WebAssembly builds ship no type declarations; these are the parts used here.
declare module "@echogarden/fvad-wasm" {
  interface FvadModule {
    HEAP16: Int16Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
    _fvad_new(): number;
    _fvad_free(instance: number): void;
    _fvad_set_mode(instance: number, mode: number): number;
    _fvad_set_sample_rate(instance: number, rate: number): number;
    _fvad_process(instance: number, frame: number, length: number): number;
  }
  const init: () => Promise<FvadModule>;
  export default init;
}
