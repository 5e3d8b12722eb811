import { at, ids, later, page } from '../example-story';

const opaSuiteIntegration = {
  id: '0193a4fd-2c03-7e5f-9a61-7b8c9d0e1f2a',
  description: 'Opa! Suite — atendimento',
  url: 'https://atendimento.provedor.com.br/api/v1',
  channelId: '64b0c0ffee00000000000c01',
  credentialsSet: true,
  authError: null,
  createdAt: at,
  updatedAt: at,
};

const notificationTemplate = {
  event: 'block',
  templateId: '64b0c0ffee00000000000a02',
  variables: ['customer.firstName', 'contract.id'],
};

const notification = {
  id: '0193a4fd-3d04-7f60-8b72-8c9d0e1f2a3b',
  contractId: ids.contract,
  chargeId: null,
  event: 'block',
  integrationId: opaSuiteIntegration.id,
  templateId: '64b0c0ffee00000000000a02',
  phone: '+5511987654321',
  variables: ['Maria', ids.contract],
  status: 'sent',
  messageId: '65f1a2b3c4d5e6f708192a3b',
  error: null,
  createdAt: at,
  sentAt: later,
};

/** An example per named schema of the notifications area, from the one story (src/app/http/example-story.ts). */
export const NOTIFICATIONS_EXAMPLES: Readonly<Record<string, unknown>> = {
  CreateOpaSuiteIntegrationRequest: {
    description: 'Opa! Suite — atendimento',
    url: 'https://atendimento.provedor.com.br/api/v1',
    token: 'opa_7f3c9a1e5b2d8c4f',
    channelId: '64b0c0ffee00000000000c01',
  },
  UpdateOpaSuiteIntegrationRequest: { token: 'opa_2b8e4d1f9a3c7e5b' },
  OpaSuiteIntegration: opaSuiteIntegration,
  OpaSuiteIntegrationPage: page(opaSuiteIntegration),
  OpaSuiteTemplates: { items: [{ id: '64b0c0ffee00000000000a02', name: 'Aviso de bloqueio', variableCount: 2 }] },
  NotificationTemplate: notificationTemplate,
  NotificationTemplatesRequest: { items: [notificationTemplate] },
  NotificationTemplates: { items: [notificationTemplate], version: 1, updatedAt: at, updatedBy: 'erp-integration' },
  Notification: notification,
  NotificationPage: page(notification),
};
