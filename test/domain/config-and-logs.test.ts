import { Writable } from 'node:stream';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../src/app/config';
import { loggerOptions } from '../../src/app/logger';

describe('configuration', () => {
  test('when nothing is set, then Ponte runs embedded on 127.0.0.1:3000', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, port: 3000, host: '127.0.0.1', overdueCancelAfterDays: null });
  });

  test.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['LOG_LEVEL', 'loud'],
    ['BOOTSTRAP_API_KEY', 'short'],
    ['OVERDUE_CANCEL_AFTER_DAYS', '-3'],
    ['SECRETS_KEY', 'dG9vIHNob3J0'],
    ['SANDBOX', 'maybe'],
    ['SABER_PLUS_URL', 'ftp://saber'],
    ['DISPATCH_LEASE_MS', '5000'],
  ])('when %s is %s, then the start stops naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('logs', () => {
  test('when a request with a key, a document and a password is logged, then none of them is written', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(chunk.toString()), done()) });
    const options = loggerOptions('info') as pino.LoggerOptions;
    const log = pino({ ...options, serializers: { ...options.serializers } }, sink);
    log.info({
      req: { method: 'GET', url: '/v1/customers?document=52998224725&limit=5', id: 'r1', headers: { authorization: 'Bearer ponte_secret' } },
      body: { document: '529.982.247-25', password: 'hunter2', token: 'tok', prefix: 'tenant-prefix' },
      customer: { document: '52998224725' },
    });
    const output = lines.join('');
    for (const secret of ['52998224725', '529.982.247-25', 'hunter2', 'ponte_secret', '"tok"', 'tenant-prefix']) expect(output).not.toContain(secret);
    expect(output).toContain('limit=5');
  });
});
