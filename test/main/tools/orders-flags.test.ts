// The `stress orders` and `ledger` command lines: defaults, and every bad flag refused with a
// message naming it (flags of one command refused by the other).
import { describe, expect, it } from 'vitest';
import { parseLedgerArgs } from '../../../src-main/tools/ledger/flags';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_ORDERS_CONCURRENCY, FlagError, parseStressArgs } from '../../../src-main/tools/stress/flags';

const HUB = 'tcp://127.0.0.1:5555';
const base = ['orders', '--hub', HUB, '--count', '100', '--data-dir', '/tmp/run'];
const defaults = { dataDir: '/default/data' };

describe('parseStressArgs orders', () => {
  it('fills the defaults; the data dir has none', () => {
    expect(parseStressArgs(base, defaults)).toEqual({
      command: 'orders',
      hub: HUB,
      hubDialect: 'v1',
      count: 100,
      concurrency: DEFAULT_ORDERS_CONCURRENCY,
      requestTimeoutMs: undefined,
      connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
      settleTimeoutMs: undefined,
      dataDir: '/tmp/run',
      json: false,
    });
  });

  it('takes every flag', () => {
    const options = parseStressArgs([...base, '--concurrency', '200', '--request-timeout-ms', '600', '--connect-timeout-ms', '1000', '--settle-timeout-ms=9000', '--json', '--hub-dialect', 'mql5-json-api'], defaults);
    expect(options).toMatchObject({ hubDialect: 'mql5-json-api', concurrency: 200, requestTimeoutMs: 600, connectTimeoutMs: 1000, settleTimeoutMs: 9000, json: true });
  });

  it.each([
    { argv: ['orders', '--hub', HUB, '--count', '5'], message: /^--data-dir is required$/ },
    { argv: ['orders', '--count', '5', '--data-dir', '/d'], message: /^--hub is required$/ },
    { argv: ['orders', '--hub', HUB, '--data-dir', '/d'], message: /^--count is required$/ },
    { argv: [...base, '--rate', '100'], message: /^--rate is not a flag of orders$/ },
    { argv: [...base, '--concurrency', '0'], message: /^--concurrency must be at least 1$/ },
    { argv: [...base, '--count', '2.5'], message: /^--count must be a whole number$/ },
    { argv: [...base, '--settle-timeout-ms', '10'], message: /^--settle-timeout-ms must be at least 100$/ },
    { argv: [...base, '--data-dir', ''], message: /^--data-dir must not be empty$/ },
    { argv: [...base, '--hub-dialect', 'fix'], message: /^--hub-dialect Invalid option: expected one of "v1"\|"origin"\|"mql5-json-api"$/ },
    { argv: ['latency', '--hub', HUB, '--count', '1', '--rate', '1', '--settle-timeout-ms', '1000'], message: /^--settle-timeout-ms is not a flag of latency$/ },
    { argv: ['orderz', '--hub', HUB], message: /unknown command "orderz": the commands are "latency" and "orders"/ },
  ])('refuses $argv', ({ argv, message }) => {
    expect(() => parseStressArgs(argv, defaults)).toThrow(FlagError);
    expect(() => parseStressArgs(argv, defaults)).toThrow(message);
  });
});

describe('parseLedgerArgs', () => {
  it('reads only, by default', () => {
    expect(parseLedgerArgs(['--data-dir', '/d'])).toEqual({
      dataDir: '/d',
      hub: undefined,
      requestTimeoutMs: undefined,
      connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
      settleTimeoutMs: undefined,
      json: false,
    });
  });

  it('reconciles with a hub', () => {
    expect(parseLedgerArgs(['--data-dir', '/d', '--hub', HUB, '--reconcile', '--request-timeout-ms', '500', '--json'])).toMatchObject({
      hub: HUB,
      requestTimeoutMs: 500,
      json: true,
    });
    expect(parseLedgerArgs(['--data-dir', '/d', '--hub', HUB, '--hub-dialect', 'origin', '--reconcile'])).toMatchObject({ hub: HUB, hubDialect: 'origin' });
  });

  it.each([
    { argv: [], message: /^--data-dir is required$/ },
    { argv: ['--data-dir', '/d', '--hub', HUB], message: /^--hub needs --reconcile/ },
    { argv: ['--data-dir', '/d', '--reconcile'], message: /^--reconcile needs --hub$/ },
    { argv: ['--data-dir', '/d', '--settle-timeout-ms', '1000'], message: /^--settle-timeout-ms needs --hub$/ },
    { argv: ['--data-dir', '/d', '--hub-dialect', 'origin'], message: /^--hub-dialect needs --hub$/ },
    { argv: ['--data-dir', '/d', '--hub', HUB, '--reconcile', '--hub-dialect', 'dwx'], message: /^--hub-dialect Invalid option/ },
    { argv: ['--data-dir', '/d', '--hub', 'localhost:1', '--reconcile'], message: /^--hub must look like tcp:\/\/HOST:PORT$/ },
    { argv: ['--data-dir', '/d', 'extra'], message: /Unexpected argument 'extra'/ },
  ])('refuses $argv', ({ argv, message }) => {
    expect(() => parseLedgerArgs(argv)).toThrow(FlagError);
    expect(() => parseLedgerArgs(argv)).toThrow(message);
  });
});
