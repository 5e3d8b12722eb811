import { setupServer } from 'msw/node';
import { createExaSimulator, createSaberPlusSimulator, type SvaSimulator } from '../../src/adapters/sandbox/sva/simulator';
import { TelecallSimulator } from '../../src/adapters/sandbox/telecall/simulator';
import { VoipSimulator } from '../../src/adapters/sandbox/voip/simulator';
import { SummitSimulator } from '../../src/adapters/sandbox/summit/simulator';
import { SerasaSimulator } from '../../src/adapters/sandbox/serasa/simulator';
import { SpcSimulator } from '../../src/adapters/sandbox/spc/simulator';
import { OpaSuiteSimulator } from '../../src/adapters/sandbox/opa-suite/simulator';
import { EXA_URL, SABER_PLUS_URL, TELECALL_TOKEN, TELECALL_URL, VOIP_TOKEN, VOIP_URL } from './test-app';

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

const admitsAny = (...logins: { username: string; password: string }[]) => (username: string, password: string) => logins.some((l) => l.username === username && l.password === password);

export interface Partners {
  saberPlus: SvaSimulator;
  exa: SvaSimulator;
  voip: VoipSimulator;
  telecall: TelecallSimulator;
  summit: SummitSimulator;
  serasa: SerasaSimulator;
  spc: SpcSimulator;
  opaSuite: OpaSuiteSimulator;
}

/**
 * The partner simulators behind msw for one test file, fresh for each test; a request to any
 * other host fails the test.
 */
export function usePartners(options: { random?: () => number } = {}): () => Partners {
  let partners: Partners;
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    partners = {
      saberPlus: createSaberPlusSimulator({ tenants: [SABER_TOKEN], ...(options.random ? { random: options.random } : {}) }),
      exa: createExaSimulator({ tenants: [EXA_PREFIX], ...(options.random ? { random: options.random } : {}) }),
      voip: new VoipSimulator(VOIP_TOKEN, options.random),
      telecall: new TelecallSimulator(TELECALL_TOKEN, options.random),
      summit: new SummitSimulator(SUMMIT_TOKEN, options.random ? { random: options.random } : {}),
      serasa: new SerasaSimulator(admitsAny(SERASA_LOGIN, SERASA_PEFIN_LOGIN), options.random ? { random: options.random } : {}),
      spc: new SpcSimulator(admitsAny(SPC_LOGIN), options.random),
      opaSuite: new OpaSuiteSimulator((token) => token === OPA_TOKEN, options.random),
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
    );
  });
  afterAll(() => server.close());
  return () => partners;
}
