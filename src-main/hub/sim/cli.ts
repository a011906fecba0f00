// Entry point of `npm run hub -- FLAGS`: parses flags (bad flag: one line on stderr, exit 2),
// starts the simulated hub (protocol v1, or the origin gateway emulator with `--dialect origin`),
// prints its one JSON line on stdout, and stops on SIGINT/SIGTERM.
import { SIM_HUB_FLAGS, parseSimHubArgs, type SimHubOptions } from './options';
import { startOriginGateway } from './origin/server';
import { startSimHub } from './server';

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
  const origin = options.dialect === 'origin';
  const hub = origin ? await startOriginGateway(options) : await startSimHub(options);
  // The v1 line is unchanged; another dialect names itself so a reader knows which wire to speak.
  const dialect = origin ? { dialect: options.dialect } : {};
  const line = { requests: hub.requests, events: hub.events, ...dialect, hubId: hub.hubId, epoch: hub.epoch };
  process.stdout.write(`${JSON.stringify(line)}\n`);
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
