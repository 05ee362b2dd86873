/** Wasm files are bundled by wrangler's CompiledWasm rule: importing one gives a WebAssembly.Module. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
