import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { OverdueUseCases } from '../../use-cases/overdue';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
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
  OverdueNoticeList,
  OverdueNoticeView,
  overdueNoticeView,
  RecordOverdueNoticeBody,
} from './schemas';

const tags = ['Overdue policy'];

export function overdueRoutes(app: FastifyInstance, useCases: OverdueUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/v1/settings/overdue-policy',
    {
      schema: {
        tags,
        operationId: 'getOverduePolicy',
        summary: 'Get the overdue policy',
        description:
          'The stages, counted in days from the oldest overdue charge, and the trust release limit. Before any change every stage is off (`version` 0).',
        response: { 200: OverduePolicyView, ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (_request, reply) => respond(reply, await useCases.getOverduePolicy(), 200, overduePolicyView),
  );

  r.put(
    '/v1/settings/overdue-policy',
    {
      schema: {
        tags,
        operationId: 'replaceOverduePolicy',
        summary: 'Set the overdue policy',
        description:
          'Send `preset` (e.g. `anatel_rgc_765_2023`) or the three stage days of your own — late payment, block, cancel, each after the one before (422 OVERDUE_STAGES_OUT_OF_ORDER), null to turn one off — not both (422 OVERDUE_STAGES_CONFLICT). Every change is kept in the history with who made it.',
        body: OverduePolicyBody,
        response: {
          200: OverduePolicyView,
          ...problems(
            'VALIDATION_FAILED',
            'UNKNOWN_OVERDUE_PRESET',
            'OVERDUE_STAGES_CONFLICT',
            'OVERDUE_STAGES_OUT_OF_ORDER',
          ),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) =>
      respond(reply, await useCases.replaceOverduePolicy(request.body, request.apiKey!.name), 200, overduePolicyView),
  );

  r.get(
    '/v1/settings/overdue-policy/history',
    {
      schema: {
        tags,
        operationId: 'listOverduePolicyChanges',
        summary: 'Every change to the overdue policy, oldest first',
        description: 'Who made each change, when, which fields changed, and the policy before and after.',
        querystring: RunsQuery,
        response: { 200: pageOf(OverduePolicyChangeView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listOverduePolicyHistory(page), overduePolicyChangeView),
  );

  r.get(
    '/v1/settings/overdue-policy/presets',
    {
      schema: {
        tags,
        operationId: 'listOverduePresets',
        summary: 'The policy presets that follow a regulation',
        description:
          "Each preset's steps with the article that allows each, and the stage days they make. Anatel's RGC in force (Resolução nº 765/2023, since 1 September 2025): a notice of the debt actually sent (Art. 70; contents: Art. 71, I–V), suspension no sooner than 15 days after it (Art. 70), rescission no sooner than 60 days after the suspension began (Art. 73; Art. 75), service back within 24 hours of payment (Art. 78); no partial suspension.",
        response: { 200: OverduePresetList, ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (_request, reply) => reply.code(200).send(presetListView()),
  );

  r.get(
    '/v1/overdue/preview',
    {
      schema: {
        tags,
        operationId: 'previewOverdue',
        summary: 'Dry-run the overdue policy for a day',
        description:
          'Which contracts a run on `date` would move, from what to what, and why (stage, charge, days overdue). Nothing is changed. Contracts under a trust release that has not ended on that day are left out. Under a preset, `timelines` shows for each overdue contract the notice, suspension and rescission on their days, citing their articles, or why it is held back (no notice sent and none can be).',
        querystring: PreviewQuery,
        response: { 200: OverduePreviewView, ...problems() },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.previewOverdue(request.query.date), 200, overduePreviewView),
  );

  r.post(
    '/v1/overdue/runs',
    {
      schema: {
        tags,
        operationId: 'runOverdue',
        summary: 'Run the overdue policy now',
        description:
          "Applies the policy for today through the bulk event path: every change is in the contract's history (actor `system:overdue-policy`, the reason naming the stage and the charge) and its partner effects go through the outbox. Answers what it did. One run at a time across processes (409 OVERDUE_RUN_IN_PROGRESS). The policy also runs on its own schedule (OVERDUE_RUN_EVERY_MINUTES).",
        headers: IdempotencyHeaders,
        response: { 201: OverdueRunResult, ...problems('OVERDUE_RUN_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED') },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(reply, await useCases.runOverdue('api', request.apiKey!.name), 201, overdueRunResultView),
  );

  r.get(
    '/v1/overdue/runs',
    {
      schema: {
        tags,
        operationId: 'listOverdueRuns',
        summary: 'Past runs of the overdue policy, oldest first',
        description:
          'Each run with its day, who asked, the policy it applied and how many contracts it moved per stage.',
        querystring: RunsQuery,
        response: { 200: pageOf(OverdueRunView), ...problems() },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listOverdueRuns(page), overdueRunView),
  );

  r.post(
    '/v1/contracts/:id/overdue-notices',
    {
      schema: {
        tags,
        operationId: 'recordOverdueNotice',
        summary: 'Record a notice of the overdue debt sent by another channel',
        description:
          "Anatel's RGC (Resolução nº 765/2023, Art. 70 and 71): no suspension without a notice of the debt. The overdue run sends it through Opa! Suite; a notice sent otherwise (letter, invoice, e-mail…) is recorded here with when it was sent and what it said, and the RGC preset counts the suspension from it. It notices an overdue charge of the contract (409 CHARGE_NOT_OVERDUE; 409 NO_OVERDUE_CHARGE when the contract has none); `sentAt` not in the future.",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: RecordOverdueNoticeBody,
        response: {
          201: OverdueNoticeView,
          ...problems(
            'VALIDATION_FAILED',
            'CONTRACT_NOT_FOUND',
            'NO_OVERDUE_CHARGE',
            'CHARGE_NOT_OVERDUE',
            413,
            415,
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) => {
      const { channel, sentAt, content, chargeId } = request.body;
      return respond(
        reply,
        await useCases.recordOverdueNotice(
          request.params.id,
          { channel, sentAt: new Date(sentAt), content, ...(chargeId ? { chargeId } : {}) },
          request.apiKey!.name,
        ),
        201,
        overdueNoticeView,
      );
    },
  );

  r.get(
    '/v1/contracts/:id/overdue-notices',
    {
      schema: {
        tags,
        operationId: 'listOverdueNotices',
        summary: "The notices of the contract's overdue debts",
        description: 'Recorded ones and those sent through Opa! Suite (as their notification stands), newest first.',
        params: IdParams,
        response: { 200: OverdueNoticeList, ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.listOverdueNotices(request.params.id), 200, (items) => ({
        items: items.map(overdueNoticeView),
      })),
  );
}
