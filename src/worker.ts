import { openDatabase } from './adapters/db/database';
import { buildApp } from './app/build-app';
import { ConfigError, loadConfig } from './app/config';
import { databaseLocation } from './main-location';
import { serveMetrics } from './app/metrics-server';
import { startTelemetry } from './app/telemetry';

/**
 * A dispatcher process: delivers queued partner effects and nothing else. Run as many as needed
 * beside the API processes; they share the work through the outbox (FOR UPDATE SKIP LOCKED).
 * SIGINT/SIGTERM let the calls in flight finish, then exit.
 */
async function worker() {
  const config = loadConfig();
  if (config.databaseUrl === null) {
    throw new ConfigError(
      'DATABASE_URL',
      'is required by npm run worker: the embedded database belongs to the npm start process, whose dispatcher runs in-process.',
    );
  }
  // A reader of stdout that went away must neither stop the worker nor keep it from stopping (docs/operations.md).
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const stopTelemetry = await startTelemetry();
  const db = await openDatabase(databaseLocation(config));
  const app = await buildApp({ config, db });
  const log = app.http.log.child({ process: 'worker' });
  const closeMetrics =
    config.metricsPort !== null ? await serveMetrics(app.metrics, config.metricsPort, config.host) : null;
  await app.dispatcher.start();
  for (const service of app.background) service.start();
  log.info(
    {
      concurrency: config.dispatch.concurrency,
      ...(config.metricsPort !== null ? { metricsPort: config.metricsPort } : {}),
    },
    'dispatcher started',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    // A second signal stops at once.
    if (stopping) process.exit(1);
    stopping = true;
    const force = setTimeout(() => process.exit(1), config.partnerCallMs + 5_000).unref();
    log.info({ signal }, 'dispatcher stopping after the calls in flight');
    await closeMetrics?.();
    await app.http.close();
    await db.close();
    await stopTelemetry?.();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

worker().catch((error) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`,
  );
  process.exit(error instanceof ConfigError ? 78 : 1);
});
