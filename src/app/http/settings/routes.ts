import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SettingsUseCases } from '../../use-cases/settings';
import { pageOf, problems } from '../common';
import { respond, respondPage } from '../respond';
import {
  HistoryQuery,
  ReplaceSettingsBody,
  SettingsChangeView,
  settingsChangeView,
  SettingsView,
  settingsView,
  UpdateSettingsBody,
} from './schemas';

const tags = ['Settings'];

export function settingsRoutes(app: FastifyInstance, useCases: SettingsUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/v1/settings/integrations',
    {
      schema: {
        tags,
        operationId: 'getIntegrationSettings',
        summary: 'Get the general integration settings',
        description:
          'VoIP, MVNO (TeleCall), credit analysis and communication channel. Before any change, the defaults (`version` 0).',
        response: { 200: SettingsView, ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (_request, reply) => respond(reply, await useCases.getIntegrationSettings(), 200, settingsView),
  );

  r.put(
    '/v1/settings/integrations',
    {
      schema: {
        tags,
        operationId: 'replaceIntegrationSettings',
        summary: 'Replace the general integration settings',
        description:
          'Every section and field. The VoIP default product must exist and be of type voip (422 UNKNOWN_PRODUCT, PRODUCT_NOT_VOIP); the default Opa! Suite integration must exist (422 UNKNOWN_OPA_SUITE_INTEGRATION); the first one registered becomes it when none is set. A change is kept in the history with who made it; sending the same settings again changes nothing.',
        body: ReplaceSettingsBody,
        response: {
          200: SettingsView,
          ...problems('UNKNOWN_PRODUCT', 'PRODUCT_NOT_VOIP', 'UNKNOWN_OPA_SUITE_INTEGRATION'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.replaceIntegrationSettings(request.body, request.apiKey!.name), 200, settingsView),
  );

  r.patch(
    '/v1/settings/integrations',
    {
      schema: {
        tags,
        operationId: 'updateIntegrationSettings',
        summary: 'Change some integration settings (one section or several)',
        description:
          'Only the fields sent change, e.g. `{"voip": {"blockLinesWithContract": false}}`. Same checks and history as the full replacement.',
        body: UpdateSettingsBody,
        response: {
          200: SettingsView,
          ...problems('UNKNOWN_PRODUCT', 'PRODUCT_NOT_VOIP', 'UNKNOWN_OPA_SUITE_INTEGRATION'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.updateIntegrationSettings(request.body, request.apiKey!.name), 200, settingsView),
  );

  r.get(
    '/v1/settings/integrations/history',
    {
      schema: {
        tags,
        operationId: 'listIntegrationSettingsChanges',
        summary: 'Every change to the integration settings, oldest first',
        description: 'Who made each change, when, which fields changed, and the settings before and after.',
        querystring: HistoryQuery,
        response: { 200: pageOf(SettingsChangeView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listSettingsHistory(page), settingsChangeView),
  );
}
