import { at, ids, later, page } from '../example-story';

const svaIntegration = {
  id: ids.exa,
  platform: 'exa',
  description: 'EXA — segurança digital',
  url: 'https://api.exa.example.com.br/v1',
  autoCreateUsers: true,
  credentialsSet: true,
  authError: null,
  createdAt: at,
  updatedAt: at,
};

const svaUser = {
  id: ids.svaUser,
  contractId: ids.contract,
  integrationId: ids.exa,
  platform: 'exa',
  productId: ids.exaProduct,
  packageCode: 'EXA-SEG-BASICO',
  document: '52998224725',
  documentType: 'cpf',
  username: 'maria.souza@example.com.br',
  email: 'maria.souza@example.com.br',
  name: 'Maria Souza',
  mobilePhone: '+5511912345678',
  status: 'active',
  passwordSet: false,
  syncStatus: 'synced',
  createdAt: later,
  updatedAt: later,
};

/** An example per named schema of the sva area, from the one story (src/app/http/example-story.ts). */
export const SVA_EXAMPLES: Readonly<Record<string, unknown>> = {
  SvaIntegration: svaIntegration,
  SvaIntegrationPage: page(svaIntegration),
  CreateSvaIntegrationRequest: {
    platform: 'exa',
    description: 'EXA — segurança digital',
    url: 'https://api.exa.example.com.br/v1',
    prefix: 'meu-provedor',
    autoCreateUsers: true,
  },
  UpdateSvaIntegrationRequest: { prefix: 'meu-provedor-sp' },
  SvaPackages: { items: [{ code: 'SABER-FAMILIA', name: 'Saber+ Família' }] },
  SvaUser: svaUser,
  SvaUserPage: page(svaUser),
  CreateSvaUserRequest: { productId: ids.exaProduct, useCustomerData: true },
  UpdateSvaUserRequest: { mobilePhone: '(11) 98765-4321' },
};
