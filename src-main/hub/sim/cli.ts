// Entry point of `npm run hub -- FLAGS`: parses flags (bad flag: one line on stderr, exit 2),
// starts the simulated hub (protocol v1, or the origin gateway / MQL5-JSON-API emulator with
// `--dialect`), prints its one JSON line on stdout, and stops on SIGINT/SIGTERM.
import { SIM_HUB_FLAGS, parseSimHubArgs, type SimHubOptions } from './options';
import { startMql5Emulator } from './mql5/server';
import { startOriginGateway } from './origin/server';
import { startSimHub } from './server';

/** The EA's own port block starts at 15555; the v1 default (5555) applies to the other dialects. */
const MQL5_DEFAULT_PORT = 15555;

interface RunningHub {
  line: Record<string, unknown>;
  dispose(): Promise<void>;
}

async function startHub(options: SimHubOptions, argv: readonly string[]): Promise<RunningHub> {
  if (options.dialect === 'mql5-json-api') {
    if (options.faultOps) throw new Error('--fault-ops names hub protocol v1 operations; the MQL5-JSON-API emulator applies faults to every request');
    const { faultOps: _v1Ops, dialect: _dialect, port, ...common } = options;
    const ea = await startMql5Emulator({ ...common, port: argv.includes('--port') ? port : MQL5_DEFAULT_PORT });
    return { line: { requests: ea.system, data: ea.data, live: ea.live, events: ea.events, dialect: options.dialect }, dispose: () => ea.dispose() };
  }
  const origin = options.dialect === 'origin';
  const hub = origin ? await startOriginGateway(options) : await startSimHub(options);
  // The v1 line is unchanged; another dialect names itself so a reader knows which wire to speak.
  const dialect = origin ? { dialect: options.dialect } : {};
  return { line: { requests: hub.requests, events: hub.events, ...dialect, hubId: hub.hubId, epoch: hub.epoch }, dispose: () => hub.dispose() };
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`usage: npm run hub -- [${SIM_HUB_FLAGS.join(' ')}]\n`);
    return 0;
  }
  let options: SimHubOptions;
  try {
    options = parseSimHubArgs(argv);
  } catch (error) {
    process.stderr.write(`hub: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  let hub: RunningHub;
  try {
    hub = await startHub(options, argv);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('--fault-ops'))) throw error;
    process.stderr.write(`hub: ${error.message}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(hub.line)}\n`);
  // `on`, not `once`: a repeated signal (tsx relays one, a process group may get another) must
  // not fall back to the default action and skip dispose.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  await hub.dispose();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`hub: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
