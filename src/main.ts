import { openDatabase, type Database } from './adapters/db/database';
import { migrate } from './adapters/db/migrator';
import { buildApp } from './app/build-app';
import { ConfigError, loadConfig } from './app/config';
import { startMaintenance } from './app/maintenance';
import { databaseLocation } from './main-location';

async function main() {
  const config = loadConfig();
  const db: Database = await openDatabase(databaseLocation(config));
  await migrate(db.sql);
  const app = await buildApp({ config, db });
  const log = app.http.log;

  const adminKey = await app.useCases.bootstrapAdminKey(config.bootstrapApiKey);
  if (adminKey && !config.bootstrapApiKey) {
    // Printed once, on the console only: the key is stored hashed and cannot be shown again.
    process.stdout.write(`\nAdmin API key (shown once, store it now):\n\n  ${adminKey}\n\nTry: curl -H "Authorization: Bearer ${adminKey}" http://${config.host}:${config.port}/v1/customers\n\n`);
  } else if (adminKey) log.info('admin API key created from BOOTSTRAP_API_KEY');

  const stopMaintenance = startMaintenance(app.maintenance, log);
  if (config.dispatch.inProcess) app.dispatcher.start();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      stopMaintenance();
      await app.http.close();
      await db.close();
      clearTimeout(force);
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.http.listen({ port: config.port, host: config.host });
  log.info(
    {
      database: db.kind,
      docs: `http://${config.host}:${config.port}/docs`,
      dispatcher: config.dispatch.inProcess ? 'in-process' : 'off (run npm run worker)',
      ...(app.sandbox ? { sandbox: `http://${config.host}:${config.port}/sandbox/{saber-plus,exa}` } : {}),
    },
    'Ponte is listening',
  );
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`Ponte failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
