// The Content-Security-Policy of the renderer, sent as a header by both the headless host and the
// Electron session: only our own bundle runs; no eval, no WebAssembly, no frames.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
