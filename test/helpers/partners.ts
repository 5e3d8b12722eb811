import { setupServer } from 'msw/node';
import { createExaSimulator, createSaberPlusSimulator } from '../../src/adapters/sandbox/sva/platforms';
import type { SvaSimulator } from '../../src/adapters/sandbox/sva/simulator';
import { TelecallSimulator } from '../../src/adapters/sandbox/telecall/simulator';
import { VoipSimulator } from '../../src/adapters/sandbox/voip/simulator';
import { SummitSimulator } from '../../src/adapters/sandbox/summit/simulator';
import { SerasaSimulator } from '../../src/adapters/sandbox/serasa/simulator';
import { SpcSimulator } from '../../src/adapters/sandbox/spc/simulator';
import { OpaSuiteSimulator } from '../../src/adapters/sandbox/opa-suite/simulator';
import { PbxSimulator } from '../../src/adapters/sandbox/pbx/simulator';
import { WebhookReceivers } from '../../src/adapters/sandbox/webhooks/receiver';
import {
  EXA_URL,
  MOBILE,
  SABER_PLUS_URL,
  TELECALL_TOKEN,
  TELECALL_URL,
  VOIP_TOKEN,
  VOIP_URL,
  type TestApi,
} from './test-app';

/** Where a frontend's webhook endpoints live: `${FRONTEND_URL}/<receiver>`. */
export const FRONTEND_URL = 'https://frontend.test/webhooks';
export const SABER_TOKEN = 'saber-token-123';
export const EXA_PREFIX = 'meu-provedor';
export const SUMMIT_URL = 'https://summit.test/api';
export const SUMMIT_TOKEN = 'summit-token-123';
export const SERASA_URL = 'https://serasa.test';
export const SERASA_LOGIN = { username: 'provedor-consulta', password: 'consulta-secret-1' };
export const SERASA_PEFIN_LOGIN = { username: 'provedor-pefin', password: 'pefin-secret-1' };
export const SPC_URL = 'https://spc.test/spc/remoting/ws';
export const SPC_LOGIN = { username: '398765', password: 'spc-secret-1' };
export const OPA_URL = 'https://atendimento.provedor.test/api/v1';
export const OPA_TOKEN = 'opa-token-123';
export const OPA_CHANNEL = '64b0c0ffee00000000000c01';
export const ASTERISK_ARI_URL = 'http://pbx.test:8088/ari';
export const ASTERISK_LOGIN = { username: 'ponte', password: 'ari-secret' };
export const PLANETFONE_ADDRESS = { address: 'http://pf.central.test/integracao', port: 9000 };
export const FORIP_ADDRESS = { address: 'forip.test', port: 9100 };
export const DIGITRO_FIELDS = {
  address: '10.0.0.5',
  port: 8080,
  account: 'provedor',
  route: 'ROTA-1',
  apiKey: 'dg-key',
};

const admitsAny =
  (...logins: { username: string; password: string }[]) =>
  (username: string, password: string) =>
    logins.some((l) => l.username === username && l.password === password);

export interface Partners {
  saberPlus: SvaSimulator;
  exa: SvaSimulator;
  voip: VoipSimulator;
  telecall: TelecallSimulator;
  summit: SummitSimulator;
  serasa: SerasaSimulator;
  spc: SpcSimulator;
  opaSuite: OpaSuiteSimulator;
  asterisk: PbxSimulator;
  planetfone: PbxSimulator;
  forip: PbxSimulator;
  digitro: PbxSimulator;
  /** A frontend's webhook endpoints, verifying with the standardwebhooks library. */
  webhooks: WebhookReceivers;
}

/**
 * The partner simulators behind msw for one test file, fresh for each test; a request to any
 * other host fails the test.
 */
export function usePartners(
  options: {
    random?: () => number;
    /** Sees every request sent to a partner. */ onRequest?: (request: Request) => void;
  } = {},
): () => Partners {
  let partners: Partners;
  const server = setupServer();
  const { onRequest } = options;
  if (onRequest) server.events.on('request:start', ({ request }) => onRequest(request));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    partners = {
      saberPlus: createSaberPlusSimulator({
        tenants: [SABER_TOKEN],
        ...(options.random ? { random: options.random } : {}),
      }),
      exa: createExaSimulator({ tenants: [EXA_PREFIX], ...(options.random ? { random: options.random } : {}) }),
      voip: new VoipSimulator(VOIP_TOKEN, options.random),
      telecall: new TelecallSimulator(TELECALL_TOKEN, options.random),
      summit: new SummitSimulator(SUMMIT_TOKEN, options.random ? { random: options.random } : {}),
      serasa: new SerasaSimulator(
        admitsAny(SERASA_LOGIN, SERASA_PEFIN_LOGIN),
        options.random ? { random: options.random } : {},
      ),
      spc: new SpcSimulator(admitsAny(SPC_LOGIN), options.random),
      opaSuite: new OpaSuiteSimulator((token) => token === OPA_TOKEN, options.random),
      asterisk: new PbxSimulator(
        'asterisk',
        (credential) => credential === `${ASTERISK_LOGIN.username}:${ASTERISK_LOGIN.password}`,
        options.random,
      ),
      planetfone: new PbxSimulator('service', () => true, options.random),
      forip: new PbxSimulator('service', () => true, options.random),
      digitro: new PbxSimulator('digitro', (key) => key === 'dg-key', options.random),
      webhooks: new WebhookReceivers(options.random),
    };
    server.resetHandlers(
      ...partners.saberPlus.handlers(SABER_PLUS_URL),
      ...partners.exa.handlers(EXA_URL),
      ...partners.voip.handlers(VOIP_URL),
      ...partners.telecall.handlers(TELECALL_URL),
      ...partners.summit.handlers(SUMMIT_URL),
      ...partners.serasa.handlers(SERASA_URL),
      ...partners.spc.handlers(SPC_URL),
      ...partners.opaSuite.handlers(OPA_URL),
      ...partners.asterisk.handlers('http://pbx.test:8088'),
      ...partners.planetfone.handlers('http://pf.central.test:9000/integracao'),
      ...partners.forip.handlers('http://forip.test:9100'),
      ...partners.digitro.handlers('http://10.0.0.5:8080'),
      ...partners.webhooks.handlers(FRONTEND_URL),
    );
  });
  afterAll(() => server.close());
  return () => partners;
}

/**
 * A customer with an e-mail, a contract with an EXA product whose integration creates its users,
 * and that contract activated (one `create_user` delivery queued): the activation's answer.
 */
export async function activateWithExaUser(call: TestApi['call'], headers: Record<string, string> = {}) {
  const post = async (url: string, body: unknown) => (await call('POST', url, { body })).body;
  const exa = await post('/v1/sva-integrations', {
    platform: 'exa',
    url: EXA_URL,
    prefix: EXA_PREFIX,
    autoCreateUsers: true,
  });
  const product = await post('/v1/products', {
    name: 'EXA',
    type: 'sva',
    priceCents: 990,
    svaIntegrationId: exa.id,
    svaPackage: 'EXA-SEG-BASICO',
  });
  const customer = await post('/v1/customers', {
    name: 'Maria Silva',
    document: '529.982.247-25',
    email: 'maria@example.com',
    mobilePhone: MOBILE,
  });
  const contract = await post('/v1/contracts', { customerId: customer.id });
  await post(`/v1/contracts/${contract.id}/products`, { productId: product.id });
  const answer = await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' }, headers });
  return { contract, answer };
}
