import { openPbxCredentials } from './use-cases/pbx/pbx';
import type { FastifyBaseLogger } from 'fastify';
import { createSandbox, type Sandbox, type SandboxPlatform } from '../adapters/sandbox/sandbox';
import type { SvaPlatformName } from '../domain/sva/sva';
import type { UseCaseDeps } from './use-cases/deps';
import { sameSecret } from './use-cases/same-secret';
import { openSvaCredentials } from './use-cases/sva/integrations';
import { openStfcCredentials } from './use-cases/stfc/stfc';
import { openOpaSuiteCredentials } from './use-cases/notifications/integrations';
import type { Bureau, BureauLogin } from '../domain/credit/credit';
import { openCreditCredentials } from './use-cases/credit/integrations';

/* The sandbox's own wiring: its platforms admit only the credentials of integrations registered here, and its partners call Ponte back over HTTP as real ones would. */

/** Whether a token (Saber+) or prefix (EXA) is the credential of an integration registered here: what the sandbox platforms accept. */
export function makeIsRegisteredCredential({ store, secrets }: Pick<UseCaseDeps, 'store' | 'secrets'>) {
  return async (platform: SvaPlatformName, credential: string): Promise<boolean> => {
    const { items } = await store.svaIntegrations.list({ platform }, { limit: 200 });
    for (const { id } of items) {
      const record = await store.svaIntegrations.findById(id);
      if (
        record &&
        Object.values(openSvaCredentials(secrets, record)).some((value: string) => sameSecret(value, credential))
      )
        return true;
    }
    return false;
  };
}

/** Whether a token is one of a registered Summit integration (the sandbox answers only those). */
export function makeIsStfcToken({ store, secrets }: Pick<UseCaseDeps, 'store' | 'secrets'>) {
  return async (token: string): Promise<boolean> => {
    const { items } = await store.stfc.listIntegrations({ limit: 200 });
    for (const { id } of items) {
      const record = await store.stfc.findIntegration(id);
      if (record && sameSecret(openStfcCredentials({ secrets }, record).token, token)) return true;
    }
    return false;
  };
}

/** Whether a token is one of a registered Opa! Suite integration (the sandbox's tenant answers only those). */
export function makeIsOpaSuiteToken({ store, secrets }: Pick<UseCaseDeps, 'store' | 'secrets'>) {
  return async (token: string): Promise<boolean> => {
    const { items } = await store.opaSuite.listIntegrations({ limit: 200 });
    for (const { id } of items) {
      const record = await store.opaSuite.findIntegration(id);
      if (record && sameSecret(openOpaSuiteCredentials({ secrets }, record).token, token)) return true;
    }
    return false;
  };
}

/**
 * The integration of a bureau whose login (consult or negativation) this is, with its webhook
 * secret: what the sandbox's bureaus admit, and where their webhooks go. Without a password, the
 * user name alone is matched.
 */
export function makeFindCreditLogin({ store, secrets }: Pick<UseCaseDeps, 'store' | 'secrets'>) {
  return async (
    bureau: Bureau,
    username: string,
    password: string | null,
  ): Promise<{ integrationId: string; webhookSecret: string } | null> => {
    for (const record of await store.credit.integrationsOf(bureau)) {
      const { consult, negativation } = openCreditCredentials({ secrets }, record.sealedCredentials);
      const matches = (login: BureauLogin | null) =>
        login !== null &&
        sameSecret(login.username, username) &&
        (password === null || sameSecret(login.password, password));
      if (matches(consult) || matches(negativation))
        return { integrationId: record.id, webhookSecret: secrets.open(record.sealedWebhookSecret) };
    }
    return null;
  };
}

/** The sandbox's platforms answer only credentials of integrations registered here, as real ones would. */
const registeredCredential = (deps: Parameters<typeof makeIsRegisteredCredential>[0]) => {
  const sva = makeIsRegisteredCredential(deps);
  const summit = makeIsStfcToken(deps);
  return (platform: SandboxPlatform, credential: string) =>
    platform === 'summit' ? summit(credential) : sva(platform, credential);
};

/**
 * The sandbox wired to this Ponte: its platforms admit the credentials of integrations registered
 * here, and its Serasa and Asterisk call Ponte back over HTTP (at `selfUrl`) with the secrets of
 * the integrations they belong to.
 */
export function wireSandbox({
  store,
  secrets,
  log,
  selfUrl,
  stateFile,
}: Pick<UseCaseDeps, 'store' | 'secrets'> & {
  log: FastifyBaseLogger;
  selfUrl: () => string;
  stateFile: string | undefined;
}): Sandbox {
  const findCreditLogin = makeFindCreditLogin({ store, secrets });
  return createSandbox(registeredCredential({ store, secrets }), {
    ...(stateFile
      ? {
          stateFile,
          onSaveError: (error: unknown) => log.warn({ err: error }, 'could not save the sandbox state'),
        }
      : {}),
    admitsBureauLogin: async (bureau, username, password) =>
      (await findCreditLogin(bureau, username, password)) !== null,
    admitsOpaSuiteToken: makeIsOpaSuiteToken({ store, secrets }),
    // The sandbox Asterisk's ari.conf: each user's password is the one the first Asterisk pointed at it gave.
    admitsAriLogin: async (credential) => {
      const { items } = await store.pbx.listPbxs({ limit: 200 });
      const users = new Map<string, string>();
      for (const pbx of [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()))
        if (
          pbx.type === 'asterisk' &&
          pbx.ariUrl?.includes('/sandbox/pbx/asterisk') &&
          pbx.username &&
          !users.has(pbx.username)
        )
          users.set(pbx.username, openPbxCredentials({ secrets }, pbx).password ?? '');
      const [user, ...password] = credential.split(':');
      return users.has(user!) && users.get(user!) === password.join(':');
    },
    // Serasa's webhook reaches Ponte as a real one would: over HTTP, with the integration's secret.
    deliverSerasaWebhook: async (username, webhook) => {
      try {
        const target = await findCreditLogin('serasa', username, null);
        if (!target) return;
        const response = await fetch(`${selfUrl()}/v1/webhooks/credit/${target.integrationId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${target.webhookSecret}` },
          body: JSON.stringify(webhook),
        });
        if (!response.ok) log.warn({ status: response.status }, 'the sandbox Serasa webhook was not accepted');
      } catch (error) {
        log.warn({ err: error }, 'the sandbox Serasa webhook could not be sent');
      }
    },
  });
}
