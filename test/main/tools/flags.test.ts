// The stress and bench command lines: defaults, and every bad flag refused with a message naming it.
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../src-main/tools/bench/flags';
import { DEFAULT_CONCURRENCY, DEFAULT_CONNECT_TIMEOUT_MS, FlagError, parseStressArgs } from '../../../src-main/tools/stress/flags';

const HUB = 'tcp://127.0.0.1:5555';
const base = ['latency', '--hub', HUB, '--count', '100', '--rate', '50'];
const defaults = { dataDir: '/default/data' };

describe('parseStressArgs', () => {
  it('fills the defaults', () => {
    expect(parseStressArgs(base, defaults)).toEqual({
      command: 'latency',
      hub: HUB,
      hubDialect: 'v1',
      count: 100,
      rate: 50,
      concurrency: DEFAULT_CONCURRENCY,
      requestTimeoutMs: undefined,
      connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
      dataDir: '/default/data',
      json: false,
    });
  });

  it('takes every flag, in either spelling', () => {
    const options = parseStressArgs(
      ['latency', `--hub=${HUB}`, '--count=5000', '--rate', '0.5', '--concurrency', '8', '--request-timeout-ms', '6000', '--connect-timeout-ms', '1000', '--data-dir', '/tmp/x', '--json'],
      defaults,
    );
    expect(options).toMatchObject({ count: 5000, rate: 0.5, concurrency: 8, requestTimeoutMs: 6000, connectTimeoutMs: 1000, dataDir: '/tmp/x', json: true });
  });

  it.each([
    { argv: [], message: /missing command/ },
    { argv: ['throughput', '--hub', HUB], message: /unknown command "throughput"/ },
    { argv: ['latency', 'extra', '--hub', HUB], message: /unknown command "latency extra"/ },
    { argv: ['latency', '--count', '1', '--rate', '1'], message: /^--hub is required$/ },
    { argv: ['latency', '--hub', HUB, '--rate', '1'], message: /^--count is required$/ },
    { argv: ['latency', '--hub', HUB, '--count', '1'], message: /^--rate is required$/ },
    { argv: [...base, '--hub', 'localhost:5555'], message: /^--hub must look like tcp:\/\/HOST:PORT$/ },
    { argv: [...base, '--count', '0'], message: /^--count must be at least 1$/ },
    { argv: [...base, '--count', '1.5'], message: /^--count must be a whole number$/ },
    { argv: [...base, '--count', 'many'], message: /^--count must be a number, got "many"$/ },
    { argv: [...base, '--rate', '0'], message: /^--rate must be above 0/ },
    { argv: [...base, '--rate=-3'], message: /^--rate must be above 0/ },
    { argv: [...base, '--rate', 'Infinity'], message: /^--rate must be a number/ },
    { argv: [...base, '--concurrency', '0'], message: /^--concurrency must be at least 1$/ },
    { argv: [...base, '--request-timeout-ms', '0'], message: /^--request-timeout-ms must be at least 1$/ },
    { argv: [...base, '--request-timeout-ms', ''], message: /^--request-timeout-ms must be a number/ },
    { argv: [...base, '--connect-timeout-ms', '5'], message: /^--connect-timeout-ms must be at least 100$/ },
    { argv: [...base, '--data-dir', ''], message: /^--data-dir must not be empty$/ },
    { argv: [...base, '--bogus'], message: /Unknown option '--bogus'/ },
    { argv: [...base, '--json=yes'], message: /--json/ },
  ])('refuses $argv', ({ argv, message }) => {
    expect(() => parseStressArgs(argv, defaults)).toThrow(FlagError);
    expect(() => parseStressArgs(argv, defaults)).toThrow(message);
  });
});

describe('parseBenchArgs', () => {
  it('fills the defaults', () => {
    expect(parseBenchArgs([])).toEqual({ json: false, rate: 1000, count: 5000, rawCount: 5000, rawWarmup: 500, clientWarmup: 500 });
  });

  it.each([
    { argv: ['--rate', '0'], message: /^--rate must be above 0$/ },
    { argv: ['--count', '2.5'], message: /^--count must be a whole number$/ },
    { argv: ['--raw-count', 'x'], message: /^--raw-count must be a number/ },
    { argv: ['--client-warmup', '0'], message: /^--client-warmup must be at least 1$/ },
    { argv: ['extra'], message: /Unexpected argument 'extra'/ },
  ])('refuses $argv', ({ argv, message }) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
