// The Notion bridge in the running console: what is pushed (alerts fired and resolved, hub
// incidents, checkpoint reports on request), where the connection comes from (base URL and
// database id in config.json; the token from NOTION_TOKEN, or from the desktop app's safeStorage,
// never sent to the renderer), and the outbox commands the UI uses.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AlertEvent } from '../../src-shared/domain/alerts';
import { alertRuleDef } from '../../src-shared/domain/alerts';
import type { CheckpointReport } from '../../src-shared/domain/alerts';
import type { OutboxEvent, PushFigures } from '../../src-shared/domain/outbox';
import type { ConnectionInfo } from '../../src-shared/ipc/contract';
import { CodedError } from '../../src-shared/ipc/errors';
import { createNotionBridge, NotionConfig } from '../integrations/notion/notion-bridge';
import type { NotionBridge } from '../integrations/notion/notion-bridge';
import { patchConfigFile } from '../settings/settings-apply';

/** Where the token lives: the environment (headless host), or the desktop app's encrypted store. */
export interface NotionSecrets {
  source: 'env' | 'safeStorage';
  token(): string | undefined;
  /** Absent: the token cannot be set from the UI (the headless host reads NOTION_TOKEN only). */
  store?(token: string): void;
}

export interface NotionServiceOptions {
  dataDir: string;
  configPath?: string;
  logger: Logger;
  baseUrl?: string | undefined;
  databaseId?: string | undefined;
  secrets: NotionSecrets;
}

export class NotionService {
  readonly bridge: NotionBridge;
  private readonly configPath: string;
  private baseUrl: string | undefined;
  private databaseId: string | undefined;
  /** The outage already pushed as an incident (the connection reports its last outage on every change). */
  private lastIncident: number | null = null;

  constructor(private readonly options: NotionServiceOptions) {
    this.configPath = options.configPath ?? join(options.dataDir, 'config.json');
    this.baseUrl = options.baseUrl;
    this.databaseId = options.databaseId;
    this.bridge = createNotionBridge({ dataDir: options.dataDir, logger: options.logger, notion: null });
    try {
      this.bridge.configure(this.connection());
    } catch (error) {
      options.logger.error({ err: error }, 'Notion settings are invalid: events wait in the outbox');
    }
  }

  private connection(): NotionConfig | null {
    const token = this.options.secrets.token();
    if (!this.databaseId || !token) return null;
    return { ...(this.baseUrl ? { baseUrl: this.baseUrl } : {}), databaseId: this.databaseId, token, tokenSource: this.options.secrets.source };
  }

  /** Sets the connection from the UI; nothing changes when any part is refused. */
  configure(input: { baseUrl?: string | undefined; databaseId: string; token?: string | undefined }): void {
    if (input.token !== undefined && !this.options.secrets.store) {
      throw new CodedError('BAD_INPUT', 'this console reads the Notion token from NOTION_TOKEN in its environment only; restart it with the token set', {
        fields: { token: 'set NOTION_TOKEN instead' },
      });
    }
    const token = input.token ?? this.options.secrets.token();
    if (!token) throw new CodedError('BAD_INPUT', 'no Notion token: enter one (desktop app) or set NOTION_TOKEN', { fields: { token: 'required' } });
    const connection = { ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}), databaseId: input.databaseId, token, tokenSource: this.options.secrets.source };
    const parsed = NotionConfig.safeParse(connection);
    if (!parsed.success) {
      // Field names and messages only: the token is never echoed.
      const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'value'), issue.message]));
      throw new CodedError('BAD_INPUT', `Notion settings refused: ${Object.entries(fields).map(([k, v]) => `${k} ${v}`).join('; ')}`, { fields });
    }
    this.bridge.configure(connection);
    if (input.token !== undefined) this.options.secrets.store?.(input.token);
    this.baseUrl = input.baseUrl;
    this.databaseId = input.databaseId;
    this.persist();
  }

  /** Base URL and database id go to config.json (other keys untouched); the token never does. */
  private persist(): void {
    patchConfigFile(this.configPath, { notionBaseUrl: this.baseUrl, notionDatabaseId: this.databaseId });
  }

  figures(): PushFigures {
    return this.bridge.figures();
  }

  retry(id: string): OutboxEvent {
    const event = this.bridge.retry(id);
    if (!event) throw new CodedError('INVALID_STATE', `outbox event ${id} is not parked (only a parked event can be retried by hand)`);
    return event;
  }

  alert(event: AlertEvent): void {
    const def = alertRuleDef(event.rule);
    const fired = event.resolvedAt === null;
    this.enqueue({
      kind: fired ? 'alert.fired' : 'alert.resolved',
      title: `${fired ? 'Alert fired' : 'Alert resolved'}: ${def.label}`,
      body: [event.message, `Fired ${new Date(event.firedAt).toISOString()}.`, ...(fired ? [] : [`Resolved ${new Date(event.resolvedAt ?? 0).toISOString()}.`])].join('\n'),
      createdAt: event.resolvedAt ?? event.firedAt,
    });
  }

  /** A hub outage that has just ended becomes an incident page. */
  incident(info: ConnectionInfo): void {
    const outage = info.outage;
    if (!outage || outage.endedAt === null || outage.startedAt === this.lastIncident) return;
    this.lastIncident = outage.startedAt;
    const seconds = Math.round((outage.endedAt - outage.startedAt) / 100) / 10;
    this.enqueue({
      kind: 'incident',
      title: `Hub outage: ${seconds} s`,
      body: `The hub at ${info.address} was unusable from ${new Date(outage.startedAt).toISOString()} to ${new Date(outage.endedAt).toISOString()} (${seconds} s).`,
      createdAt: outage.endedAt,
    });
  }

  report(report: CheckpointReport, markdown: string): OutboxEvent {
    return this.enqueue({ kind: 'report', title: `Checkpoint ${report.window}: ${report.verdict.toUpperCase()}`, body: markdown, createdAt: report.generatedAt });
  }

  private enqueue(input: { kind: OutboxEvent['kind']; title: string; body: string; createdAt: number }): OutboxEvent {
    return this.bridge.enqueue(input);
  }
}
