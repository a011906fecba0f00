// Entry point of the Notion simulator (`tsx src-main/integrations/notion/notion-sim-cli.ts FLAGS`):
// bad flag → one line on stderr, exit 2; else one JSON line {"url","databaseId"} on stdout; stops on SIGINT/SIGTERM.
import { NOTION_SIM_USAGE, parseNotionSimArgs, type NotionSimOptions } from './notion-sim-faults';
import { startNotionSim } from './notion-sim';

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${NOTION_SIM_USAGE}\n`);
    return 0;
  }
  let options: NotionSimOptions;
  try {
    options = parseNotionSimArgs(argv);
  } catch (error) {
    process.stderr.write(`notion-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const sim = await startNotionSim(options);
  process.stdout.write(`${JSON.stringify({ url: sim.url, databaseId: sim.databaseId })}\n`);
  // `on`, not `once`: a repeated signal must not fall back to the default action and skip close.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`notion-sim: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
