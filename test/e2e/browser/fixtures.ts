// The stack a browser test drives: a standalone simulated hub (child process) and the headless
// console connected to it (`npm run serve`), both ended after the test file.
import { test as base } from '@playwright/test';
import { spawnHub } from '../../support/hub-process';
import { spawnServe } from '../../support/serve-process';

export interface Stack {
  consoleUrl: string;
  hubRequests: string;
}

export const test = base.extend<object, { stack: Stack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture needs from this pattern
    async ({}, use) => {
      const hub = await spawnHub(['--port', '0', '--seed', '42']);
      try {
        const served = await spawnServe(['--hub', hub.requests]);
        try {
          await use({ consoleUrl: served.url, hubRequests: hub.requests });
        } finally {
          await served.stop();
        }
      } finally {
        await hub.stop();
      }
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
