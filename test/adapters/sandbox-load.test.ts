import { randomUUID } from 'node:crypto';
import { answerTimeMs, PlatformLoad, readLoadSettings, NO_LOAD, TenantBuckets } from '../../src/adapters/sandbox/load';
import { createSandbox, SANDBOX_ORIGIN } from '../../src/adapters/sandbox/sandbox';
import { seeded } from '../helpers/generators';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)]!;

describe('a simulated platform under load', () => {
  test('when answer times have a median and a 99th percentile, then 20,000 of them have that median and that percentile', () => {
    const random = seeded(7);
    const times = Array.from({ length: 20_000 }, () => answerTimeMs({ ...NO_LOAD, p50Ms: 150, p99Ms: 600 }, random));
    expect(percentile(times, 0.5)).toBeGreaterThan(140);
    expect(percentile(times, 0.5)).toBeLessThan(160);
    expect(percentile(times, 0.99)).toBeGreaterThan(540);
    expect(percentile(times, 0.99)).toBeLessThan(660);
    expect(answerTimeMs({ ...NO_LOAD, p50Ms: 80, p99Ms: 80 }, random)).toBe(80);
  });

  test('when a tenant calls faster than its rate, then its burst goes through, the next call waits for a token, and another tenant has its own bucket', () => {
    const buckets = new TenantBuckets(10, 3);
    expect([0, 0, 0].map(() => buckets.take('a', 0))).toEqual([null, null, null]);
    expect(buckets.take('a', 0)).toBeCloseTo(100, 5);
    expect(buckets.take('a', 50)).toBeCloseTo(50, 5);
    expect(buckets.take('a', 100)).toBeNull();
    expect(buckets.take('b', 100)).toBeNull();
  });

  test('when the load is set with bad values, then it says which, and leaves out what is not sent', () => {
    expect(readLoadSettings({ latencyMs: -1 }, NO_LOAD)).toMatch(/latencyMs/);
    expect(readLoadSettings({ latencyMs: { p50: 10, p99: 'x' } }, NO_LOAD)).toMatch(/p50 and p99/);
    expect(readLoadSettings({ ratePerSecond: 0 }, NO_LOAD)).toMatch(/ratePerSecond/);
    expect(readLoadSettings([], NO_LOAD)).toMatch(/object/);
    expect(readLoadSettings({ latencyMs: { p50: 150, p99: 600 }, ratePerSecond: 40 }, NO_LOAD)).toEqual({
      p50Ms: 150,
      p99Ms: 600,
      ratePerSecond: 40,
      burst: null,
    });
    expect(readLoadSettings({ burst: 5 }, { ...NO_LOAD, ratePerSecond: 9 })).toMatchObject({
      ratePerSecond: 9,
      burst: 5,
    });
  });

  test("when the sandbox's EXA is given a rate and a latency, then calls past a tenant's rate are answered 429 with Retry-After in whole seconds, the others after the latency, and the counters say so", async () => {
    const sandbox = createSandbox(async () => true);
    const control = (method: string, body?: unknown) =>
      sandbox.handle(
        new Request(`${SANDBOX_ORIGIN}/sandbox/exa/_sandbox/load`, {
          method,
          headers: { 'content-type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        }),
      );
    expect((await control('PUT', { ratePerSecond: 'fast' }))!.status).toBe(400);
    const set = await control('PUT', { latencyMs: 40, ratePerSecond: 2, burst: 2 });
    expect(await set!.json()).toEqual({ p50Ms: 40, p99Ms: 40, ratePerSecond: 2, burst: 2, calls: 0, refused: 0 });
    const create = (prefix: string) =>
      sandbox.handle(
        new Request(`${SANDBOX_ORIGIN}/sandbox/exa/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-exa-prefix': prefix },
          body: JSON.stringify({
            reference: randomUUID(),
            email: `${randomUUID()}@example.com`,
            document: '52998224725',
            mobilePhone: '+5511912345678',
            name: 'Cliente',
            packageCode: 'EXA-SEG-BASICO',
          }),
        }),
      );
    const started = performance.now();
    const answers = await Promise.all([create('um'), create('um'), create('um'), create('outro')]);
    expect(answers.map((a) => a!.status)).toEqual([201, 201, 429, 201]);
    expect(answers[2]!.headers.get('retry-after')).toBe('1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);
    expect(await (await control('GET'))!.json()).toMatchObject({ calls: 4, refused: 1 });
    // The controls themselves are not calls of a tenant, and another platform is not loaded.
    expect(sandbox.load.get('saber-plus')!.settings).toEqual(NO_LOAD);
    expect(new PlatformLoad().counted).toEqual({ calls: 0, refused: 0 });
  });
});
