import { join } from 'node:path';
import { openDatabase, type Database } from './adapters/db/database';
import { migrate } from './adapters/db/migrator';
import { buildApp } from './app/build-app';
import { ConfigError, loadConfig, type Config } from './app/config';
import { startMaintenance } from './app/maintenance';
import { claimEmbeddedDatabase, EmbeddedDatabaseBusy } from './adapters/db/embedded-lock';
import { databaseLocation } from './main-location';
import { serveMetrics } from './app/metrics-server';
import { startTelemetry } from './app/telemetry';

/** A start that cannot go on for a reason the operator can fix: one line, no stack trace. */
class StartRefused extends Error {}

async function main() {
  const config = loadConfig();
  const stopTelemetry = await startTelemetry();
  const release = config.databaseUrl === null ? claimEmbeddedDatabase(config.dataDir) : () => undefined;
  let db: Database | null = null;
  try {
    db = await openDatabase(databaseLocation(config));
    await migrate(db.sql);
    await serve(config, db, release, stopTelemetry);
  } catch (error) {
    await db?.close().catch(() => undefined);
    release();
    throw error;
  }
}

async function serve(config: Config, db: Database, release: () => void, stopTelemetry: (() => Promise<void>) | null) {
  // A reader of stdout or stderr that went away fails writes (EPIPE): that must never stop Ponte, nor keep it from stopping.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const sandboxStateFile = config.databaseUrl === null ? join(config.dataDir, 'sandbox.json') : undefined;
  const app = await buildApp({ config, db, startsReady: false, ...(sandboxStateFile ? { sandboxStateFile } : {}) });
  const log = app.http.log;
  const { bootstrapAdminKey } = app.useCases.apiKeys;
  // BOOTSTRAP_API_KEY is known to whoever set it: made before Ponte answers, so it works from the first request.
  if (
    config.bootstrapApiKey &&
    (await bootstrapAdminKey(config.bootstrapApiKey, { generate: false })).status === 'created'
  )
    log.info('admin API key created from BOOTSTRAP_API_KEY');
  try {
    await app.http.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.http.close().catch(() => undefined);
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new StartRefused(
        `Port ${config.port} on ${config.host} is already in use: stop what holds it, or start Ponte on another port (PORT=${config.port + 1} npm start).`,
      );
    if (code === 'EACCES')
      throw new StartRefused(
        `Port ${config.port} on ${config.host} needs privileges this process lacks: choose another PORT.`,
      );
    throw error;
  }

  const address = app.http.server.address();
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address && typeof address === 'object' ? address.port : config.port}`;
  // On the embedded database (the quick start) a first key is made and shown once on the console, only
  // once Ponte answers: a start that fails before leaves it still to mint. With DATABASE_URL no secret
  // is ever written where logs go (docs/operations.md, "The first admin key").
  const first = await bootstrapAdminKey(null, { generate: config.databaseUrl === null });
  if (first.status === 'created')
    process.stdout.write(
      `\nAdmin API key (shown once, store it now):\n\n  ${first.key}\n\nTry: curl -H "Authorization: Bearer ${first.key}" ${base}/v1/customers\n\n`,
    );
  else if (first.status === 'missing')
    log.warn(
      'no API key exists yet: mint the first admin key with npm run admin-key -- --name NAME, or start with BOOTSTRAP_API_KEY',
    );

  const closeMetrics =
    config.metricsPort !== null ? await serveMetrics(app.metrics, config.metricsPort, config.host) : null;
  const stopMaintenance = startMaintenance(app.maintenance, log);
  if (config.dispatch.inProcess) await app.dispatcher.start();
  for (const service of app.background) service.start();
  app.ready();
  log.info(
    {
      database: db.kind,
      docs: `${base}/docs`,
      dispatcher: config.dispatch.inProcess ? 'in-process' : 'off (run npm run worker)',
      ...(config.metricsPort !== null ? { metrics: `http://${config.host}:${config.metricsPort}/metrics` } : {}),
      ...(app.sandbox ? { sandbox: `${base}/sandbox/{saber-plus,exa}` } : {}),
    },
    'Ponte is listening',
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    // A second signal stops at once: the operator means it.
    if (closing) process.exit(1);
    closing = true;
    // Armed first: nothing that follows (a log line to a dead pipe, a stuck close) can keep Ponte running.
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    log.info({ signal }, 'shutting down');
    try {
      stopMaintenance();
      await closeMetrics?.();
      await app.http.close();
      await db.close();
      await stopTelemetry?.();
      release();
      clearTimeout(force);
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof StartRefused || error instanceof EmbeddedDatabaseBusy) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  process.stderr.write(
    `Ponte failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
