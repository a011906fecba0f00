// Configuration precedence (defaults < file < env < flags) and clear refusals of bad values.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, pickConsoleArgs } from '../../src-main/app/config';

const dir = (): string => mkdtempSync(join(tmpdir(), 'hubdesk-config-'));

describe('loadConfig', () => {
  it('uses the embedded hub and a free port when nothing is set', () => {
    const config = loadConfig({ argv: [], env: {}, defaultDataDir: dir() });
    expect(config.hubAddress).toBeUndefined();
    expect(config.port).toBe(0);
  });

  it('lets flags beat the environment, and the environment beat the file', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ hubAddress: 'tcp://10.0.0.1:5555', port: 7000, logLevel: 'debug' }));
    const config = loadConfig({
      argv: ['--port', '7002'],
      env: { HUBDESK_HUB: 'tcp://127.0.0.1:6000', HUBDESK_PORT: '7001' },
      defaultDataDir: dataDir,
    });
    expect(config).toMatchObject({ hubAddress: 'tcp://127.0.0.1:6000', port: 7002, logLevel: 'debug', dataDir });
  });

  it.each([
    [['--port', 'abc'], /--port must be a number/],
    [['--port', '70000'], /port/],
    [['--hub', 'http://example'], /tcp:\/\/HOST:PORT/],
    [['--nope'], /Unknown option '--nope'/],
    [['--config', '/definitely/missing.json'], /does not exist/],
  ])('refuses %j with a message naming the problem', (argv, message) => {
    expect(() => loadConfig({ argv, env: {}, defaultDataDir: dir() })).toThrow(ConfigError);
    expect(() => loadConfig({ argv, env: {}, defaultDataDir: dir() })).toThrow(message);
  });

  it('reads the hub dialect from the flag and the environment, v1 when unset, and refuses origin without a hub', () => {
    expect(loadConfig({ argv: [], env: {}, defaultDataDir: dir() }).hubDialect ?? 'v1').toBe('v1');
    const hub = ['--hub', 'tcp://127.0.0.1:5555'];
    expect(loadConfig({ argv: [...hub, '--hub-dialect', 'origin'], env: { HUBDESK_HUB_DIALECT: 'v1' }, defaultDataDir: dir() }).hubDialect).toBe('origin');
    expect(loadConfig({ argv: hub, env: { HUBDESK_HUB_DIALECT: 'origin' }, defaultDataDir: dir() }).hubDialect).toBe('origin');
    expect(() => loadConfig({ argv: [...hub, '--hub-dialect', 'fix'], env: {}, defaultDataDir: dir() })).toThrow(/hubDialect/);
    expect(() => loadConfig({ argv: ['--hub-dialect', 'origin'], env: {}, defaultDataDir: dir() })).toThrow(/needs --hub/);
  });

  it('refuses a config file that is not JSON or has unknown keys', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'config.json'), '{ not json');
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toThrow(/not valid JSON/);
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ hubAdress: 'tcp://127.0.0.1:1' }));
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toThrow(/hubAdress/);
  });
});

describe('retry and reviewer settings', () => {
  const withFile = (content: Record<string, unknown>): string => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify(content));
    return dataDir;
  };

  it('leaves the retry limits to the hub and the reviewer unset when nothing is configured', () => {
    const config = loadConfig({ argv: [], env: {}, defaultDataDir: dir() });
    expect(config).not.toHaveProperty('maxRetries');
    expect(config).not.toHaveProperty('retryOps');
    expect(config).not.toHaveProperty('reviewerBaseUrl');
  });

  it('reads the retry and reviewer keys from the config file', () => {
    const dataDir = withFile({
      maxRetries: 2,
      maxBackoffMs: 500,
      retryOps: ['ping', 'orders', 'cancelOrder'],
      reviewerBaseUrl: 'http://127.0.0.1:8080/v1',
      reviewerModel: 'gate-model',
      reviewerTimeoutMs: 15_000,
    });
    expect(loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toMatchObject({
      maxRetries: 2,
      maxBackoffMs: 500,
      retryOps: ['ping', 'orders', 'cancelOrder'],
      reviewerBaseUrl: 'http://127.0.0.1:8080/v1',
      reviewerModel: 'gate-model',
      reviewerTimeoutMs: 15_000,
    });
  });

  it('lets flags beat the environment, and the environment beat the file, for the retry limits', () => {
    const dataDir = withFile({ maxRetries: 5, maxBackoffMs: 1500, reviewerModel: 'file-model' });
    const env = { HUBDESK_MAX_RETRIES: '3', HUBDESK_MAX_BACKOFF_MS: '900', HUBDESK_REVIEWER_MODEL: 'env-model', HUBDESK_REVIEWER_BASE_URL: 'https://reviewer.example/v1' };
    expect(loadConfig({ argv: [], env, defaultDataDir: dataDir })).toMatchObject({ maxRetries: 3, maxBackoffMs: 900, reviewerModel: 'env-model', reviewerBaseUrl: 'https://reviewer.example/v1' });
    expect(loadConfig({ argv: ['--max-retries', '0', '--max-backoff-ms', '0'], env, defaultDataDir: dataDir })).toMatchObject({ maxRetries: 0, maxBackoffMs: 0 });
  });

  it('never takes the reviewer API key into the configuration', () => {
    const config = loadConfig({ argv: [], env: { HUBDESK_REVIEWER_API_KEY: 'sk-secret' }, defaultDataDir: dir() });
    expect(JSON.stringify(config)).not.toContain('sk-secret');
    const dataDir = withFile({ reviewerApiKey: 'sk-secret' });
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toThrow(/HUBDESK_REVIEWER_API_KEY/);
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).not.toThrow(/sk-secret/);
  });

  it.each([
    ['placeOrder in retryOps', { retryOps: ['ping', 'placeOrder'] }, /retryOps: placeOrder may never be retried \(a retried order can execute twice\)/],
    ['an unknown op in retryOps', { retryOps: ['ping', 'modifyOrder', 'admin.stats'] }, /retryOps: modifyOrder, admin\.stats: not an idempotent hub operation/],
    ['retryOps that is not a list', { retryOps: 'ping' }, /retryOps/],
    ['a negative maxRetries', { maxRetries: -1 }, /maxRetries/],
    ['a fractional maxBackoffMs', { maxBackoffMs: 1.5 }, /maxBackoffMs/],
    ['a reviewer URL that is not http(s)', { reviewerBaseUrl: 'ftp://reviewer.example/v1' }, /reviewerBaseUrl: reviewer base URL must be an http\(s\) URL/],
    ['a reviewer URL that is not a URL', { reviewerBaseUrl: 'reviewer' }, /reviewerBaseUrl/],
    ['a blank reviewer model', { reviewerModel: '  ' }, /reviewerModel/],
    ['a reviewer timeout under 100 ms', { reviewerTimeoutMs: 99 }, /reviewerTimeoutMs/],
    ['a reviewer timeout over 120 s', { reviewerTimeoutMs: 120_001 }, /reviewerTimeoutMs/],
  ])('refuses %s in the config file with a message naming it', (_what, content, message) => {
    const dataDir = withFile(content);
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toThrow(ConfigError);
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toThrow(message);
  });

  it.each([
    [['--max-retries', 'many'], {}, /--max-retries must be a number/],
    [['--max-backoff-ms=-5'], {}, /maxBackoffMs/],
    [[], { HUBDESK_MAX_RETRIES: '2.5' }, /maxRetries/],
    [[], { HUBDESK_REVIEWER_BASE_URL: 'file:///etc/passwd' }, /reviewerBaseUrl/],
  ])('refuses %j %j', (argv, env, message) => {
    expect(() => loadConfig({ argv, env, defaultDataDir: dir() })).toThrow(ConfigError);
    expect(() => loadConfig({ argv, env, defaultDataDir: dir() })).toThrow(message);
  });
});

describe('pickConsoleArgs', () => {
  it("takes the console's flags out of an Electron command line and leaves Chromium's switches", () => {
    const argv = ['--inspect=0', '--remote-debugging-port=0', 'out/main/index.js', '--data-dir', '/tmp/d', '--hub=tcp://127.0.0.1:5555', '--no-sandbox', '--max-retries', '2'];
    expect(pickConsoleArgs(argv)).toEqual(['--data-dir', '/tmp/d', '--hub=tcp://127.0.0.1:5555', '--max-retries', '2']);
  });
});
