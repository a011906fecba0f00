// `npm run bench:ui`: the Health view in Chromium while orders flow through the console's WebSocket API at
// a fixed rate (simulated hub + headless console as child processes). Flags, the run's phases and cleanup;
// the figures come from load.ts and page-probe.ts, the output from report.ts. Asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { ApiClient, hubClientStats } from './api-client';
import { runLoad } from './load';
import { PROBE_SCRIPT, pageNow, uiFigures } from './page-probe';
import { startChild, stopChild } from './processes';
import type { Child } from './processes';
import { startPageProfile } from './profile';
import type { ProfileFigures } from './profile';
import { ensureRendererBuilt, rendererBuild } from './renderer-build';
import { printReport } from './report';
import type { Report } from './report';

const CHROMIUM = '/usr/bin/chromium';
/** After the click: the view's first render and its first health:history load, kept out of the baseline. */
const SETTLE_MS = 3000;

interface Options {
  rate: number;
  seconds: number;
  baselineSeconds: number;
  connections: number;
  json: boolean;
  profile: string | undefined;
}

const USAGE =
  'usage: npx tsx scripts/bench-ui/cli.ts [--rate 1000] [--seconds 20] [--baseline-seconds 5] [--connections 4] [--profile FILE.cpuprofile] [--json]';

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '20' },
      'baseline-seconds': { type: 'string', default: '5' },
      connections: { type: 'string', default: '4' },
      profile: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const positive = (name: string, text: string, integer: boolean): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
      throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(text)}`);
    }
    return value;
  };
  return {
    rate: positive('rate', values.rate, false),
    seconds: positive('seconds', values.seconds, false),
    baselineSeconds: positive('baseline-seconds', values['baseline-seconds'], false),
    connections: positive('connections', values.connections, true),
    json: values.json,
    profile: values.profile,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const tty = process.stderr.isTTY === true;
  const progress = (text: string): void => {
    if (tty) process.stderr.write(`\r\x1b[2K${text}`);
  };
  const phase = (text: string): void => {
    if (tty) process.stderr.write(`\r\x1b[2K${text}\n`);
  };
  const children: Child[] = [];
  const dirs: string[] = [];
  let browser: Browser | undefined;
  const clients: ApiClient[] = [];

  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const client of clients) client.close();
      await browser?.close().catch(() => undefined);
      await Promise.all(children.map((child) => stopChild(child)));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\nbench:ui: ${signal}: stopping the hub and the console…\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);

  try {
    ensureRendererBuilt();
    phase('starting the simulated hub…');
    const hub = startChild('hub', ['src-main/hub/sim/cli.ts', '--port', '0', '--quote-ms', '250', '--log-level', 'warn']);
    children.push(hub.child);
    const hubLine = await hub.line;
    const hubAddress = hubLine.requests;
    if (typeof hubAddress !== 'string') throw new Error(`hub: no "requests" address in ${JSON.stringify(hubLine)}`);

    const dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-bench-ui-'));
    dirs.push(dataDir);
    phase(`starting the headless console against ${hubAddress}…`);
    const host = startChild('console', ['src-main/host/cli.ts', '--hub', hubAddress, '--data-dir', dataDir, '--log-level', 'warn']);
    children.push(host.child);
    const hostLine = await host.line;
    if (typeof hostLine.url !== 'string') throw new Error(`console: no "url" in ${JSON.stringify(hostLine)}`);
    const consoleUrl = new URL(hostLine.url);

    phase('opening the Health view in Chromium…');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Our handlers stop the hub and the console too; Playwright's would exit before they ran.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript({ content: PROBE_SCRIPT });
    await page.goto(consoleUrl.href);
    await page.getByRole('navigation', { name: 'Views' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(SETTLE_MS);
    const openFrom = await pageNow(page);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Health/ }).click();
    await page.getByRole('region', { name: 'Health' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(SETTLE_MS);
    const opening = await uiFigures(page, openFrom, await pageNow(page));

    phase(`baseline: ${options.baselineSeconds} s with no load…`);
    const baselineFrom = await pageNow(page);
    await page.waitForTimeout(options.baselineSeconds * 1000);
    const baseline = await uiFigures(page, baselineFrom, await pageNow(page));

    for (let i = 0; i < options.connections; i++) clients.push(await ApiClient.connect(consoleUrl));
    const profiler = options.profile ? await startPageProfile(page) : undefined;
    phase(`load: ${options.rate} orders/s for ${options.seconds} s…`);
    const loadFrom = await pageNow(page);
    const load = await runLoad(clients, options, progress).done;
    const loadTo = await pageNow(page);
    if (tty) process.stderr.write('\n');
    let profile: ProfileFigures | undefined;
    if (profiler && options.profile) profile = await profiler.stop(options.profile);
    const ui = await uiFigures(page, loadFrom, loadTo);
    const hubClient = await hubClientStats(consoleUrl);
    const report: Report = { load, opening, baseline, ui, consoleStderrLines: host.child.stderrLines, hubClient, chromium: browser.version(), renderer: rendererBuild(), ...(profile ? { profile } : {}) };
    for (const child of children) {
      const exit = child.proc.exitCode ?? child.proc.signalCode;
      if (exit !== null) process.stderr.write(`bench:ui: warning: the ${child.name} exited during the run (${exit}); the figures are not valid\n`);
      if (child.stderrTail.length > 0) process.stderr.write(`bench:ui: the ${child.name}'s stderr, last lines:\n  ${child.stderrTail.join('\n  ')}\n`);
    }
    printReport(report, options.json);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\nbench:ui: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
