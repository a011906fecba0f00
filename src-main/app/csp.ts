// The Content-Security-Policy of the renderer: sent as a header by the headless host and the
// Electron session, and written into index.html's meta tag at build (electron.vite.config.ts).
// Only our own bundle runs; no eval, no WebAssembly, no frames; it talks only to its own origin.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
