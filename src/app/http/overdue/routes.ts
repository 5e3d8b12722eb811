import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { UseCases } from '../../use-cases';
import { IdempotencyHeaders, pageOf, problems } from '../common';
import { respond, respondPage } from '../respond';
import {
  OverduePolicyBody,
  OverduePolicyChangeView,
  overduePolicyChangeView,
  OverduePolicyView,
  overduePolicyView,
  OverduePresetList,
  presetListView,
  OverduePreviewView,
  overduePreviewView,
  OverdueRunResult,
  overdueRunResultView,
  OverdueRunView,
  overdueRunView,
  PreviewQuery,
  RunsQuery,
} from './schemas';

const tags = ['Overdue policy'];

export function overdueRoutes(app: FastifyInstance, useCases: UseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/v1/settings/overdue-policy', {
    schema: { tags, operationId: 'getOverduePolicy', summary: 'Get the overdue policy', description: 'The stages, counted in days from the oldest overdue charge, and the trust release limit. Before any change every stage is off (`version` 0).', response: { 200: OverduePolicyView, ...problems() } },
    config: { scope: 'integrations:read' },
  }, async (_request, reply) => respond(reply, await useCases.getOverduePolicy(), 200, overduePolicyView));

  r.put('/v1/settings/overdue-policy', {
    schema: {
      tags,
      operationId: 'replaceOverduePolicy',
      summary: 'Set the overdue policy',
      description: 'Send `preset` (e.g. `anatel_rgc_632_2014`) or the three stage days of your own — late payment, block, cancel, each after the one before (422 OVERDUE_STAGES_OUT_OF_ORDER), null to turn one off — not both (422 OVERDUE_STAGES_CONFLICT). Every change is kept in the history with who made it.',
      body: OverduePolicyBody,
      response: { 200: OverduePolicyView, ...problems('VALIDATION_FAILED', 'UNKNOWN_OVERDUE_PRESET', 'OVERDUE_STAGES_CONFLICT', 'OVERDUE_STAGES_OUT_OF_ORDER') },
    },
    config: { scope: 'integrations:write' },
  }, async (request, reply) => respond(reply, await useCases.replaceOverduePolicy(request.body, request.apiKey!.name), 200, overduePolicyView));

  r.get('/v1/settings/overdue-policy/history', {
    schema: { tags, operationId: 'listOverduePolicyChanges', summary: 'Every change to the overdue policy, oldest first', description: 'Who made each change, when, which fields changed, and the policy before and after.', querystring: RunsQuery, response: { 200: pageOf(OverduePolicyChangeView), ...problems() } },
    config: { scope: 'integrations:read' },
  }, async (request, reply) => respondPage(reply, request.query, (page) => useCases.listOverduePolicyHistory(page), overduePolicyChangeView));

  r.get('/v1/settings/overdue-policy/presets', {
    schema: { tags, operationId: 'listOverduePresets', summary: 'The policy presets that follow a regulation', description: "Each preset's steps with the article that allows each, and the stage days they make. Anatel's RGC (Res. 632/2014): partial suspension 15 days after the notice (Art. 90), total suspension 30 days later (Art. 93), rescission 30 days after that (Art. 97).", response: { 200: OverduePresetList, ...problems() } },
    config: { scope: 'integrations:read' },
  }, async (_request, reply) => reply.code(200).send(presetListView()));

  r.get('/v1/overdue/preview', {
    schema: { tags, operationId: 'previewOverdue', summary: 'Dry-run the overdue policy for a day', description: 'Which contracts a run on `date` would move, from what to what, and why (stage, charge, days overdue). Nothing is changed. Contracts under a trust release that has not ended on that day are left out.', querystring: PreviewQuery, response: { 200: OverduePreviewView, ...problems() } },
    config: { scope: 'contracts:read' },
  }, async (request, reply) => respond(reply, await useCases.previewOverdue(request.query.date), 200, overduePreviewView));

  r.post('/v1/overdue/runs', {
    schema: {
      tags,
      operationId: 'runOverdue',
      summary: 'Run the overdue policy now',
      description: "Applies the policy for today through the bulk event path: every change is in the contract's history (actor `system:overdue-policy`, the reason naming the stage and the charge) and its partner effects go through the outbox. Answers what it did. One run at a time across processes (409 OVERDUE_RUN_IN_PROGRESS). The policy also runs on its own schedule (OVERDUE_RUN_EVERY_MINUTES).",
      headers: IdempotencyHeaders,
      response: { 201: OverdueRunResult, ...problems('OVERDUE_RUN_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED') },
    },
    config: { scope: 'contracts:write', idempotent: true },
  }, async (request, reply) => respond(reply, await useCases.runOverdue('api', request.apiKey!.name), 201, overdueRunResultView));

  r.get('/v1/overdue/runs', {
    schema: { tags, operationId: 'listOverdueRuns', summary: 'Past runs of the overdue policy, oldest first', description: 'Each run with its day, who asked, the policy it applied and how many contracts it moved per stage.', querystring: RunsQuery, response: { 200: pageOf(OverdueRunView), ...problems() } },
    config: { scope: 'contracts:read' },
  }, async (request, reply) => respondPage(reply, request.query, (page) => useCases.listOverdueRuns(page), overdueRunView));
}
