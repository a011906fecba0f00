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

  it('refuses a config file that is not JSON or has unknown keys', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'config.json'), '{ not json');
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toThrow(/not valid JSON/);
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ hubAdress: 'tcp://127.0.0.1:1' }));
    expect(() => loadConfig({ argv: [], env: {}, defaultDataDir: dataDir })).toThrow(/hubAdress/);
  });
});

describe('pickConsoleArgs', () => {
  it("takes the console's flags out of an Electron command line and leaves Chromium's switches", () => {
    const argv = ['--inspect=0', '--remote-debugging-port=0', 'out/main/index.js', '--data-dir', '/tmp/d', '--hub=tcp://127.0.0.1:5555', '--no-sandbox'];
    expect(pickConsoleArgs(argv)).toEqual(['--data-dir', '/tmp/d', '--hub=tcp://127.0.0.1:5555']);
  });
});
