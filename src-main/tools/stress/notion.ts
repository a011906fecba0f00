// `stress notion`: N events through the console's Notion outbox and dispatcher into a database (the
// simulator or a real one), then a listing of the database to count pages per event id. Owns its
// bridge and disposes it; prints the report (table or --json) and nothing else on stdout.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import pino from 'pino';
import type { Logger } from 'pino';
import type { OutboxKind, PushFigures } from '../../../src-shared/domain/outbox';
import { eventIdOf, type QueryReply } from '../../integrations/notion/notion-pages';
import { createNotionBridge } from '../../integrations/notion/notion-bridge';
import { NotionPusher, classifyFailure } from '../../integrations/notion/notion-pusher';
import { PaceLimiter } from '../../integrations/notion/pace-limiter';
import { FlagError } from './flags';
import { NOTION_STRESS_USAGE, parseNotionStressArgs, type NotionStressOptions } from './notion-flags';
import { NotionProgressView } from './notion-progress';

export const NOTION_REPORT_KEYS = ['pushed', 'created', 'duplicates', 'parked', 'attempts', 'successRate', 'deliveryRate', 'events', 'missing', 'foundByQuery', 'pushSeconds'] as const;
export type NotionStressReport = Record<(typeof NOTION_REPORT_KEYS)[number], number | null>;

const KINDS: readonly OutboxKind[] = ['alert.fired', 'alert.resolved', 'report', 'incident'];
const PROGRESS_EVERY_MS = 100;

function stressLogger(dataDir: string): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino({ level: 'info', base: { app: 'hubdesk-stress' } }, pino.destination({ dest: join(dir, 'stress.log'), sync: true }));
}

/** The report from the outbox's figures and the pages found per event id. Pure. */
export function notionReport(ids: readonly string[], pagesPerId: ReadonlyMap<string, number>, figures: PushFigures, pushMs: number): NotionStressReport {
  let created = 0;
  let duplicates = 0;
  for (const id of ids) {
    const pages = pagesPerId.get(id) ?? 0;
    if (pages > 0) created += 1;
    duplicates += Math.max(0, pages - 1);
  }
  return {
    pushed: figures.pushed,
    created,
    duplicates,
    parked: figures.parked,
    attempts: figures.attempts,
    successRate: figures.attemptSuccessRate,
    deliveryRate: figures.deliveryRate,
    events: ids.length,
    missing: figures.pushed - Math.min(figures.pushed, created),
    foundByQuery: figures.foundByQuery,
    pushSeconds: Math.round(pushMs / 100) / 10,
  };
}

export function notionReportTable(report: NotionStressReport): string {
  const width = Math.max(...NOTION_REPORT_KEYS.map((key) => key.length));
  const show = (value: number | null, key: string): string =>
    value === null ? '-' : key.endsWith('Rate') ? `${(value * 100).toFixed(2)} %` : String(value);
  return NOTION_REPORT_KEYS.map((key) => `${key.padEnd(width)}  ${show(report[key], key)}`).join('\n');
}

/** Pages per event id in the database: every page listed (100 a request), reads retried at the same pace. */
async function pagesPerEventId(options: NotionStressOptions, logger: Logger): Promise<Map<string, number>> {
  const pusher = new NotionPusher({ target: { baseUrl: options.baseUrl, databaseId: options.databaseId, token: options.token }, logger, timeoutMs: options.timeoutMs });
  const limiter = new PaceLimiter(options.rate);
  // Reads change nothing, so any failure but a refusal is retried; Notion's Retry-After holds the pace.
  const policy = retry(
    handleWhen((error) => classifyFailure(error).kind !== 'refused'),
    { maxAttempts: options.maxAttempts, backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }) },
  );
  const counts = new Map<string, number>();
  try {
    let cursor: string | null = null;
    do {
      const from: string | null = cursor;
      const reply: QueryReply = await policy.execute(async (): Promise<QueryReply> => {
        try {
          return await pusher.listPages(from, limiter.gate);
        } catch (error) {
          const failure = classifyFailure(error);
          if (failure.kind === 'rate-limited' && failure.retryAfterMs !== null) limiter.pauseFor(failure.retryAfterMs);
          throw error;
        }
      });
      for (const page of reply.results) {
        const id = eventIdOf(page);
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      cursor = reply.has_more ? reply.next_cursor : null;
    } while (cursor !== null);
  } finally {
    limiter.close();
    pusher.dispose();
  }
  return counts;
}

function stressEvents(count: number, runId: string, now: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: KINDS[i % KINDS.length],
    title: `stress ${i + 1}/${count} (${runId})`,
    body: `hubdesk stress run ${runId}, event ${i + 1} of ${count}.\n\nOne page per event id, however many attempts it took.`,
    createdAt: now,
  }));
}

export async function runNotionStress(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${NOTION_STRESS_USAGE}\n`);
    return 0;
  }
  let options: NotionStressOptions;
  try {
    options = parseNotionStressArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`stress: ${error.message} (see --help)\n`);
    return 2;
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hubdesk-stress-notion-'));
  const logger = stressLogger(dataDir);
  const bridge = createNotionBridge({
    dataDir,
    logger,
    notion: { baseUrl: options.baseUrl, databaseId: options.databaseId, token: options.token, timeoutMs: options.timeoutMs },
    rate: options.rate,
    backoff: { initialDelayMs: options.initialDelayMs, maxDelayMs: options.maxDelayMs, lookupDelayMs: options.lookupDelayMs },
    maxAttempts: options.maxAttempts,
  });
  const onSignal = (): void => {
    process.stderr.write(`stress: interrupted; the outbox in ${dataDir} keeps what was not pushed: run again with --resume --data-dir ${dataDir}\n`);
    void bridge.dispose().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let progress: NotionProgressView | undefined;
  let ids: string[];
  let figures: PushFigures;
  let pushMs: number;
  try {
    const runId = randomUUID().slice(0, 8);
    if (options.count > 0) bridge.outbox.enqueueMany(stressEvents(options.count, runId, Date.now()));
    ids = bridge.outbox.allIds().map((row) => row.id);
    logger.info({ count: options.count, events: ids.length, rate: options.rate, dataDir }, 'stress notion: pushing');
    progress = !options.json && process.stderr.isTTY ? new NotionProgressView(ids.length, process.stderr) : undefined;
    let lastProgressAt = -Infinity;
    bridge.dispatcher.onDidChangeFigures((f) => {
      if (performance.now() - lastProgressAt < PROGRESS_EVERY_MS) return;
      lastProgressAt = performance.now();
      progress?.update(f);
    });
    progress?.start();
    const started = performance.now();
    bridge.start();
    await bridge.dispatcher.whenIdle();
    pushMs = performance.now() - started;
    figures = bridge.figures();
  } finally {
    progress?.stop();
    await bridge.dispose();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  let pages: Map<string, number>;
  try {
    pages = await pagesPerEventId(options, logger);
  } catch (error) {
    process.stderr.write(`stress: could not list the Notion database to count pages: ${classifyFailure(error).message}\n`);
    return 1;
  }
  const report = notionReport(ids, pages, figures, pushMs);
  logger.info({ report }, 'stress notion: finished');
  process.stdout.write(`${options.json ? JSON.stringify(report) : notionReportTable(report)}\n`);
  return 0;
}
