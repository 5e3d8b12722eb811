import { WEBHOOK_RETRY_SCHEDULE_MS } from '../../src/domain/webhooks/endpoint';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../src/app/config';
import { loggerOptions, prettyStream } from '../../src/app/logger';

describe('configuration', () => {
  test('when nothing is set, then Ponte runs embedded on 127.0.0.1:3000', () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: null,
      port: 3000,
      host: '127.0.0.1',
      timeZone: 'America/Sao_Paulo',
      overdueRunEveryMinutes: 60,
    });
  });

  test('when OVERDUE_RUN_EVERY_MINUTES is off, then the policy runs only when asked', () => {
    expect(loadConfig({ OVERDUE_RUN_EVERY_MINUTES: 'off' }).overdueRunEveryMinutes).toBeNull();
  });

  test('when WEBHOOK_RETRY_SCHEDULE_MS is set, then webhook deliveries wait those times; unset, the specification’s', () => {
    expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE_MS: '20, 40,80' }).webhookRetryScheduleMs).toEqual([20, 40, 80]);
    expect(loadConfig({}).webhookRetryScheduleMs).toEqual(WEBHOOK_RETRY_SCHEDULE_MS);
  });

  test('when DATABASE_URL is set, then the sandbox is off unless SANDBOX=on', () => {
    expect(loadConfig({}).sandbox).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgresql://ponte@db:5432/ponte' }).sandbox).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://ponte@db:5432/ponte', SANDBOX: 'on' }).sandbox).toBe(true);
  });

  test.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['LOG_LEVEL', 'loud'],
    ['BOOTSTRAP_API_KEY', 'short'],
    ['OVERDUE_RUN_EVERY_MINUTES', '0'],
    ['TIME_ZONE', 'Mars/Olympus_Mons'],
    ['SECRETS_KEY', 'dG9vIHNob3J0'],
    ['SANDBOX', 'maybe'],
    ['SABER_PLUS_URL', 'ftp://saber'],
    ['DISPATCH_LEASE_MS', '5000'],
    ['LOG_FORMAT', 'xml'],
    ['HEADERS_TIMEOUT_MS', '60000'],
    ['REQUEST_TIMEOUT_MS', '0'],
    ['IDLE_TIMEOUT_MS', '5000'],
    ['STREAMS_PER_KEY', '0'],
    ['WEBHOOK_RETRY_SCHEDULE_MS', '5000,soon'],
    ['WEBHOOK_RETRY_SCHEDULE_MS', '0'],
  ])('when %s is %s, then the start stops naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('logs', () => {
  test('when stdout is not a terminal, then logs are JSON lines unless LOG_FORMAT says pretty', () => {
    const terminal = process.stdout.isTTY;
    try {
      process.stdout.isTTY = false;
      expect(loadConfig({}).logFormat).toBe('json');
      expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
      process.stdout.isTTY = true;
      expect(loadConfig({}).logFormat).toBe('pretty');
      expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    } finally {
      process.stdout.isTTY = terminal;
    }
  });

  test('when logs are pretty, then they are readable lines and still mask documents and secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = pino(loggerOptions('info') as pino.LoggerOptions, prettyStream(sink));
    log.info({ body: { password: 'hunter2' }, note: 'cliente 529.982.247-25' }, 'customer created');
    const output = lines.join('');
    expect(output).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: customer created/);
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('529.982.247-25');
    expect(output).not.toMatch(/^\{/);
  });

  test('when a request with a key, a document and a password is logged, then none of them is written', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(chunk.toString()), done()) });
    const options = loggerOptions('info') as pino.LoggerOptions;
    const log = pino({ ...options, serializers: { ...options.serializers } }, sink);
    log.info({
      req: {
        method: 'GET',
        url: '/v1/customers?document=52998224725&limit=5',
        id: 'r1',
        headers: { authorization: 'Bearer ponte_secret' },
      },
      body: { document: '529.982.247-25', password: 'hunter2', token: 'tok', prefix: 'tenant-prefix' },
      customer: { document: '52998224725' },
    });
    const output = lines.join('');
    for (const secret of ['52998224725', '529.982.247-25', 'hunter2', 'ponte_secret', '"tok"', 'tenant-prefix'])
      expect(output).not.toContain(secret);
    expect(output).toContain('limit=5');
  });

  test('when documents appear under any name, escaped, in paths or in messages, then they are masked by their shape', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = pino(loggerOptions('info') as pino.LoggerOptions, sink);
    log.info({ req: { method: 'GET', url: '/v1/customers?docu%6Dent=52998224725&q=529%2E982%2E247-25', id: 'r1' } });
    log.info({ req: { method: 'GET', url: '/v1/customers/11.222.333%2F0001-81', id: 'r2' } });
    log.info(
      { partner: { url: 'https://saber.test/users/52998224725' }, note: 'cliente 12.ABC.345/01DE-35' },
      'created 529.982.247-25',
    );
    log.error({ err: new Error('duplicate key (document)=(52998224725)') }, 'failed');
    const output = lines.join('');
    for (const document of ['52998224725', '529.982.247-25', '11.222.333/0001-81', '12.ABC.345/01DE-35'])
      expect(output).not.toContain(document);
    expect(output).toContain('[document]');
    // Ids and ordinary numbers pass untouched.
    log.info({ id: '01a209db-95b1-73f3-aced-246834f90dab', priceCents: 12_345_678 });
    expect(lines.at(-1)).toContain('01a209db-95b1-73f3-aced-246834f90dab');
    expect(lines.at(-1)).toContain('12345678');
  });
});
