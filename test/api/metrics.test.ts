import { spawnSync } from 'node:child_process';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describeApi } from '../helpers/api-suite';
import { activateWithExaUser, usePartners } from '../helpers/partners';

/*
 * GET /metrics (docs/operations.md, "Metrics"), read with parsers that are not Ponte's own:
 * Prometheus' promtool lints the exposition, parse-prometheus-text-format reads its values.
 */

interface Sample {
  readonly labels?: Record<string, string>;
  readonly value?: string;
  readonly count?: string;
}
interface Family {
  readonly name: string;
  readonly type: string;
  readonly metrics: readonly Sample[];
}

/**
 * promtool's findings on Ponte's own metrics (status 1 is an exposition it cannot read at all).
 * prom-client names three of its Node.js gauges `…_total`, which promtool reports: those are left out.
 */
const lint = (text: string) => {
  const checked = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  const findings = `${checked.stdout}${checked.stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^nodejs_active_\w+_total non-counter/.test(line));
  return { readable: checked.status === 0 || checked.status === 3, findings };
};

const partners = usePartners();

describeApi('metrics', (ctx) => {
  const scrape = async (key: string) => {
    const answer = await ctx().api.call('GET', '/metrics', { key });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(answer.raw) as Family[];
    const family = (name: string) => families.find((f) => f.name === name);
    const value = (name: string, labels: Record<string, string> = {}) =>
      Number(
        family(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ??
          Number.NaN,
      );
    return { text: answer.raw, families, family, value };
  };

  test('when /metrics is asked without the metrics:read scope, then 401 or 403', async () => {
    const { call, keyWith } = ctx().api;
    expect((await call('GET', '/metrics', { key: null })).status).toBe(401);
    expect((await call('GET', '/metrics', { key: await keyWith('reader', ['customers:read']) })).status).toBe(403);
  });

  test('when deliveries are queued and then carried out, then the outbox gauges and the counters follow, and promtool finds nothing wrong', async () => {
    const { call, keyWith, app } = ctx().api;
    const prometheus = await keyWith('prometheus', ['metrics:read']);
    const { contract } = await activateWithExaUser(call);
    ctx().clock.advance(30_000);

    const before = await scrape(prometheus);
    expect(lint(before.text)).toEqual({ readable: true, findings: [] });
    expect(before.value('ponte_outbox_pending', { target_kind: 'sva_user' })).toBeGreaterThanOrEqual(1);
    expect(before.value('ponte_outbox_oldest_pending_age_seconds', { target_kind: 'sva_user' })).toBeGreaterThanOrEqual(
      30,
    );
    // Every target kind is there, at 0 when nothing waits: an alert on it never sees "no data".
    expect(before.value('ponte_outbox_pending', { target_kind: 'sip_line' })).toBe(0);
    expect(before.value('ponte_deliveries_dead', { target_kind: 'sva_user' })).toBe(0);
    expect(before.value('ponte_pbx_event_connections', { state: 'connected' })).toBe(0);
    expect(before.value('ponte_overdue_last_run_finished_timestamp_seconds')).toBe(0);
    expect(before.value('ponte_webhook_endpoints', { state: 'failing' })).toBe(0);
    expect(before.value('ponte_outbox_pending', { target_kind: 'webhook' })).toBe(0);

    await app.dispatcher.drain();
    const after = await scrape(prometheus);
    expect(after.value('ponte_outbox_pending', { target_kind: 'sva_user' })).toBe(0);
    expect(after.value('ponte_outbox_oldest_pending_age_seconds', { target_kind: 'sva_user' })).toBe(0);
    expect(
      after.value('ponte_deliveries_finished_total', {
        target_kind: 'sva_user',
        platform: 'exa',
        outcome: 'succeeded',
      }),
    ).toBeGreaterThanOrEqual(1);
    // The parser keeps no labels of histogram series: those are read from the exposition's lines.
    expect(after.family('ponte_partner_call_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(after.text).toMatch(
      /^ponte_partner_call_duration_seconds_count\{platform="exa",outcome="succeeded"\} [1-9]/m,
    );

    // Requests by route template and status class, never by URL.
    expect(after.family('http_server_request_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(after.text).toContain(
      'http_server_request_duration_seconds_count{http_request_method="POST",http_route="/v1/contracts/:id/events",http_response_status_class="2xx"} 1',
    );
    expect(after.text).not.toContain(contract.id);
    expect(after.family('process_cpu_seconds_total')).toBeDefined();
    expect(after.family('nodejs_eventloop_lag_p99_seconds')).toBeDefined();
    expect(lint(after.text)).toEqual({ readable: true, findings: [] });
  });

  test('when a partner pauses its integration with a 429, then the integration gauges say so until an operator resumes it, and promtool finds nothing wrong', async () => {
    const { call, keyWith, app } = ctx().api;
    const prometheus = await keyWith('prometheus', ['metrics:read']);
    partners().exa.setFaults({ script: ['429'], retryAfterSeconds: 60 });
    await activateWithExaUser(call);
    const integration = (await call('GET', '/v1/sva-integrations')).body.items[0].id as string;
    const before = await scrape(prometheus);
    const labels = { integration, platform: 'exa' };
    expect(before.value('ponte_integration_paused', labels)).toBe(0);
    expect(before.value('ponte_integration_paused', { integration: 'telecall', platform: 'telecall' })).toBe(0);
    await app.dispatcher.drain();
    const paused = await scrape(prometheus);
    expect(paused.value('ponte_integration_paused', labels)).toBe(1);
    expect(paused.value('ponte_integration_in_flight', labels)).toBe(0);
    expect(paused.value('ponte_integration_rate_per_second', labels)).toBeGreaterThan(0);
    expect(lint(paused.text)).toEqual({ readable: true, findings: [] });
    await call('POST', `/v1/integration-limits/${integration}/resume`);
    expect((await scrape(prometheus)).value('ponte_integration_paused', labels)).toBe(0);
  });
});
