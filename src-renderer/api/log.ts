// The renderer's one outlet for diagnostics: the DevTools console, which main does not see.
// Dropped events, resyncs and failed listeners are reported here, so a desk can tell why.
/* eslint-disable no-console -- this file is the renderer's only console user */

export const log = {
  info: (message: string, ...detail: unknown[]): void => {
    console.info(`hubdesk: ${message}`, ...detail);
  },
  warn: (message: string, ...detail: unknown[]): void => {
    console.warn(`hubdesk: ${message}`, ...detail);
  },
  error: (message: string, ...detail: unknown[]): void => {
    console.error(`hubdesk: ${message}`, ...detail);
  },
};
