import { at, ids, later, page } from '../example-story';

const creditIntegrationId = '0193a4fb-7e10-7a2b-8c3d-4e5f6a7b8c9d';

const creditIntegration = {
  id: creditIntegrationId,
  bureau: 'serasa',
  description: 'Serasa Experian — PEFIN',
  url: 'https://api.serasaexperian.com.br',
  active: true,
  credentialsSet: true,
  webhookUrl: `/v1/webhooks/credit/${creditIntegrationId}`,
  authError: null,
  createdAt: at,
  updatedAt: at,
};

const restriction = { kind: 'pefin', creditor: 'Loja Exemplo Ltda', amountCents: 15990, date: '2026-03-12' };

const creditConsultation = {
  id: '0193a4fb-8a01-7c3d-9e4f-5a6b7c8d9e0f',
  integrationId: creditIntegrationId,
  bureau: 'serasa',
  document: '52998224725',
  documentType: 'cpf',
  purpose: 'Novo contrato de fibra 500 Mb',
  actor: 'comercial-loja-centro',
  status: 'completed',
  name: 'Maria Souza',
  registrationStatus: 'REGULAR',
  score: 712,
  restrictions: [restriction],
  raw: { reports: [{ reportName: 'RELATORIO_BASICO_PF_PME', score: { score: 712 } }] },
  rawExpiresAt: '2027-02-21T14:30:00.000Z',
  error: null,
  confirmed: false,
  consultedAt: at,
};

const negativation = {
  id: '0193a4fc-1b02-7d4e-8f50-6a7b8c9d0e1f',
  contractId: ids.contract,
  chargeId: '0193a4fa-0c01-7a2b-9c3d-4e5f6a7b8c90',
  integrationId: creditIntegrationId,
  bureau: 'serasa',
  state: 'registered',
  requestId: '5f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
  message: null,
  amountCents: 9990,
  dueDate: '2026-09-10',
  actor: 'cobranca',
  registeredAt: later,
  failedAt: null,
  removedAt: null,
  removalConfirmedAt: null,
  createdAt: at,
  updatedAt: later,
};

/** An example per named schema of the credit area, from the one story (src/app/http/example-story.ts). */
export const CREDIT_EXAMPLES: Readonly<Record<string, unknown>> = {
  CreateCreditIntegrationRequest: {
    bureau: 'serasa',
    description: 'Serasa Experian — PEFIN',
    url: 'https://api.serasaexperian.com.br',
    username: 'provedor-consulta',
    password: 'c0nsulta-S3cret',
    negativationUsername: 'provedor-pefin',
    negativationPassword: 'pef1n-S3cret',
  },
  UpdateCreditIntegrationRequest: { active: false },
  CreditIntegration: creditIntegration,
  CreatedCreditIntegration: { ...creditIntegration, webhookSecret: 'wh_9Qm2Lx7Vt4Rk8Zp3Nc6Bf1Hd' },
  CreditIntegrationPage: page(creditIntegration),
  CreditConsultRequest: {
    document: '529.982.247-25',
    integrationId: creditIntegrationId,
    purpose: 'Novo contrato de fibra 500 Mb',
  },
  CreditRestriction: restriction,
  CreditConsultation: creditConsultation,
  CreditConsultationPage: page(creditConsultation),
  CreateNegativationRequest: { contractId: ids.contract, chargeId: '0193a4fa-0c01-7a2b-9c3d-4e5f6a7b8c90' },
  Negativation: negativation,
  NegativationPage: page(negativation),
  CreditWebhookNotification: { uuid: '5f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', status: 'SUCCESS' },
  CreditWebhookReceipt: { negativationId: negativation.id, state: 'registered' },
};
