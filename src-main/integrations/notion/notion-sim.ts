// A local stand-in for the part of the Notion API the pusher uses (GET /v1/databases/:id, POST
// /v1/data_sources/:id/query, POST /v1/pages), on 127.0.0.1 only, with injected faults and an admin
// view of every page (/__sim/pages). For tests, the stress tool and demos; never a real workspace.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AFTER_FAULTS, FaultDice, FaultSettings, NotionSimOptions, type FaultChoice, type NotionSimOptionsInput, type SimRoute } from './notion-sim-faults';
import { CreateBody, QueryBody, countPages, dataSourceJson, databaseJson, errorJson, newPage, pageJson, sameId, validationMessage, type SimCounts, type SimPage } from './notion-sim-pages';

export interface SimRequestRecord {
  /** ms since the epoch when the request arrived. */
  at: number;
  method: string;
  route: SimRoute | 'other';
  fault: string | null;
  status: number | null;
}

export interface NotionSim {
  readonly url: string;
  readonly databaseId: string;
  readonly dataSourceId: string;
  readonly token: string;
  pages(): SimPage[];
  counts(): SimCounts;
  /** Changes the dice, or replaces the queue of scripted faults (see FaultSettings). */
  faults(change: FaultSettings): void;
  /** The last 10,000 API requests, oldest first. */
  requests(): SimRequestRecord[];
  close(): Promise<void>;
}

const VERSIONS = new Set(['2022-06-28', '2025-09-03']);
const BODY_MAX = 1_000_000;
const LOG_MAX = 10_000;

type Reply = { status: number; json: unknown; headers?: Record<string, string> };
const json = (status: number, value: unknown, headers?: Record<string, string>): Reply => ({ status, json: value, headers });
const fail = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => json(status, errorJson(status, code, message), headers);

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const text = JSON.stringify(reply.json);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...reply.headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_MAX) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_MAX ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

export async function startNotionSim(input: NotionSimOptionsInput = {}): Promise<NotionSim> {
  const options = NotionSimOptions.parse(input);
  const ids = { databaseId: options.databaseId, dataSourceId: options.dataSourceId };
  const pages: SimPage[] = [];
  if (options.stateFile && existsSync(options.stateFile)) {
    for (const line of readFileSync(options.stateFile, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as { database?: typeof ids; page?: SimPage };
      if (entry.database) Object.assign(ids, entry.database);
      if (entry.page) pages.push(entry.page);
    }
  } else if (options.stateFile) {
    appendFileSync(options.stateFile, `${JSON.stringify({ database: ids })}\n`);
  }
  const dice = new FaultDice(options, options.seed);
  const log: SimRequestRecord[] = [];
  const held = new Set<NodeJS.Timeout>();

  const api: Record<SimRoute, (body: unknown) => Reply> = {
    database: () => json(200, databaseJson(ids)),
    'data-source': () => json(200, dataSourceJson(ids)),
    query: (body) => {
      const parsed = QueryBody.safeParse(body ?? {});
      if (!parsed.success) return fail(400, 'validation_error', validationMessage(parsed.error));
      const wanted = parsed.data.filter?.rich_text.equals;
      const matching = wanted === undefined ? pages : pages.filter((page) => page.eventId === wanted);
      const start = parsed.data.start_cursor ? matching.findIndex((page) => page.id === parsed.data.start_cursor) : 0;
      if (start < 0) return fail(400, 'validation_error', 'body failed validation: body.start_cursor is not a valid cursor.');
      const size = parsed.data.page_size ?? 100;
      const slice = matching.slice(start, start + size);
      const next = matching[start + size];
      return json(200, { object: 'list', results: slice.map((page) => pageJson(page, ids)), next_cursor: next?.id ?? null, has_more: next !== undefined, type: 'page_or_data_source', page_or_data_source: {} });
    },
    create: (body) => {
      const parsed = CreateBody.safeParse(body);
      if (!parsed.success) return fail(400, 'validation_error', validationMessage(parsed.error));
      const parent = parsed.data.parent;
      const parentOk = 'data_source_id' in parent ? sameId(parent.data_source_id, ids.dataSourceId) : sameId(parent.database_id, ids.databaseId);
      if (!parentOk) return fail(404, 'object_not_found', 'Could not find the parent of this page. Make sure it exists and is shared with your integration.');
      const page = newPage(parsed.data);
      pages.push(page);
      if (options.stateFile) appendFileSync(options.stateFile, `${JSON.stringify({ page })}\n`);
      return json(200, pageJson(page, ids));
    },
  };

  const routeOf = (method: string, path: string): { route: SimRoute; id: string } | undefined => {
    const match = /^\/v1\/(databases|data_sources)\/([^/]+)(\/query)?$/.exec(path);
    if (method === 'POST' && path === '/v1/pages') return { route: 'create', id: '' };
    if (!match) return undefined;
    const [, kind = '', id = '', query] = match;
    if (kind === 'databases' && !query && method === 'GET') return { route: 'database', id };
    if (kind === 'data_sources' && !query && method === 'GET') return { route: 'data-source', id };
    if (kind === 'data_sources' && query && method === 'POST') return { route: 'query', id };
    return undefined;
  };

  const admin = (req: IncomingMessage, path: string, body: unknown): Reply => {
    if (req.method === 'GET' && path === '/__sim/pages') return json(200, { pages: pages.map(({ id, eventId, title }) => ({ id, eventId, title })), counts: countPages(pages) });
    if (req.method === 'GET' && path === '/__sim/requests') return json(200, { requests: log });
    if (req.method === 'POST' && path === '/__sim/faults') {
      const parsed = FaultSettings.safeParse(body);
      if (!parsed.success) return fail(400, 'validation_error', validationMessage(parsed.error));
      dice.update(parsed.data);
      return json(200, { ok: true });
    }
    return fail(404, 'object_not_found', `no admin route ${req.method ?? ''} ${path}`);
  };

  /** Answers after the request has (or has not) been done, as the chosen fault says. */
  const answer = (req: IncomingMessage, res: ServerResponse, reply: Reply, choice: FaultChoice | undefined, record: SimRequestRecord): void => {
    const fault = choice?.fault;
    const retryAfter = { 'retry-after': String(choice?.retryAfterS ?? 0) };
    let out: Reply | undefined = reply;
    if (fault === 'rate-limited') out = fail(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', retryAfter);
    else if (fault === 'overloaded') out = fail(529, 'service_overload', 'The service is overloaded. Please try again later.', retryAfter);
    else if (fault === 'error-500' || fault === 'lost-500') out = fail(500, 'internal_server_error', 'Unexpected error occurred.');
    else if (fault === 'bad-request') out = fail(400, 'validation_error', 'body failed validation (injected by the simulator).');
    else if (fault === 'lost-504') out = fail(504, 'gateway_timeout', 'Notion timed out while processing this request.');
    else if (fault === 'lost-502') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      out = undefined;
    } else if (fault === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"page","id":');
      out = undefined;
    } else if (fault === 'lost-reset') {
      req.socket.destroy();
      out = undefined;
    } else if (fault === 'timeout' || fault === 'lost-timeout') {
      const timer = setTimeout(() => {
        held.delete(timer);
        req.socket.destroy();
      }, dice.holdMs);
      held.add(timer);
      req.socket.once('close', () => {
        clearTimeout(timer);
        held.delete(timer);
      });
      out = undefined;
    }
    record.status = out?.status ?? (fault === 'lost-502' ? 502 : fault === 'garbage' ? 200 : null);
    if (out) send(res, out);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (raw === null) return send(res, fail(413, 'validation_error', `Request body too large (over ${BODY_MAX} bytes).`));
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, fail(400, 'invalid_json', 'Error parsing JSON body.'));
      }
    }
    if (path.startsWith('/__sim/')) return send(res, admin(req, path, body ?? {}));
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, fail(401, 'unauthorized', 'API token is invalid.'));
    const version = req.headers['notion-version'];
    if (typeof version !== 'string') return send(res, fail(400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined.'));
    if (!VERSIONS.has(version)) return send(res, fail(400, 'validation_error', `Notion-Version ${version} is not supported by the simulator.`));
    const found = routeOf(req.method ?? '', path);
    if (!found) return send(res, fail(400, 'invalid_request_url', 'Invalid request URL.'));
    const known = found.route === 'create' || sameId(found.id, found.route === 'database' ? ids.databaseId : ids.dataSourceId);
    const choice = dice.roll(found.route);
    const record: SimRequestRecord = { at: Date.now(), method: req.method ?? '', route: found.route, fault: choice?.fault ?? null, status: null };
    log.push(record);
    if (log.length > LOG_MAX) log.splice(0, log.length - LOG_MAX);
    const doIt = choice === undefined || AFTER_FAULTS.has(choice.fault);
    const reply = !doIt ? json(0, null) : known ? api[found.route](body) : fail(404, 'object_not_found', `Could not find ${found.route === 'database' ? 'database' : 'data source'} with ID: ${found.id}.`);
    answer(req, res, reply, choice, record);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, fail(500, 'internal_server_error', 'simulator error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    databaseId: ids.databaseId,
    dataSourceId: ids.dataSourceId,
    token: options.token,
    pages: () => pages.map((page) => ({ ...page })),
    counts: () => countPages(pages),
    faults: (change) => dice.update(change),
    requests: () => log.map((record) => ({ ...record })),
    close: async () => {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
