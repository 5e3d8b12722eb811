import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import type { ReconciliationUseCases } from '../../use-cases/reconciliation';
import { IdParams, pageOf, problems } from '../common';
import { sendDomainError } from '../errors';
import { readPage } from '../pagination';
import { respond, respondPage } from '../respond';
import {
  FindingsQuery,
  FindingView,
  findingView,
  ListQuery,
  RunView,
  runView,
  RunWithFindingsView,
  runWithFindingsView,
  StartReconciliationBody,
} from './schemas';

const tags = ['Reconciliation'];

/** The findings' filters a query names. */
const findingsFilter = ({ kind, targetKind }: Static<typeof FindingsQuery>) => ({
  ...(kind ? { kind } : {}),
  ...(targetKind ? { targetKind } : {}),
});

export function reconciliationRoutes(app: FastifyInstance, useCases: ReconciliationUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/reconciliations',
    {
      schema: {
        tags,
        operationId: 'startReconciliation',
        summary: 'Compare what the partner platforms hold with what Ponte decided (plan), or also repair it',
        description:
          'Answers 202 with the run, queued; follow it at its `Location`. It reads every subscription of the SVA integrations (Saber+, EXA), TeleCall, the softswitch and Summit in pages, within each integration’s limits, and compares them with Ponte’s SVA users, TeleCall lines, SIP lines and STFC services. A plan changes nothing. A repair queues, through the outbox, the effects that bring each platform to Ponte’s state (never the other way round), each with a line in the contract’s history by `system:reconciliation`; extra subscriptions are only reported unless `removeExtra` is true. A target with a delivery on its way is not drift.',
        body: StartReconciliationBody,
        response: {
          202: RunView,
          ...problems(413, 415, 'RECONCILIATION_INTEGRATION_NOT_FOUND', 'RECONCILIATION_TARGET_MISMATCH'),
        },
      },
      config: { scope: 'integrations:write' },
    },
    async (request, reply) => {
      const result = await useCases.startReconciliation(request.body, request.apiKey!.name);
      if (result.ok) reply.header('location', `/v1/reconciliations/${result.value.id}`);
      return respond(reply, result, 202, runView);
    },
  );

  r.get(
    '/v1/reconciliations',
    {
      schema: {
        tags,
        operationId: 'listReconciliations',
        summary: 'List reconciliation runs, newest first',
        description: 'Each with its progress and counts; the nightly plans among them (`trigger: schedule`).',
        querystring: ListQuery,
        response: { 200: pageOf(RunView), ...problems() },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        async (page) => ({ ok: true, value: await useCases.listReconciliations(page) }),
        runView,
      ),
  );

  r.get(
    '/v1/reconciliations/:id',
    {
      schema: {
        tags,
        operationId: 'getReconciliation',
        summary: 'Get a reconciliation run: its progress, counts, and a page of its findings',
        description:
          'Each finding names the target (Ponte’s id and the reference the platform knows it by), its contract, Ponte’s side, the platform’s, and what a repair does (or did). Filter by `kind` and `targetKind`; follow `findings.nextCursor` as `cursor`.',
        params: IdParams,
        querystring: FindingsQuery,
        response: { 200: RunWithFindingsView, ...problems('RECONCILIATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) => {
      const page = readPage(request.query);
      if (!page.ok) return sendDomainError(reply, page.error);
      const listed = await useCases.listFindings(request.params.id, findingsFilter(request.query), page.value);
      return respond(reply, listed, 200, runWithFindingsView);
    },
  );

  r.get(
    '/v1/reconciliations/:id/findings',
    {
      schema: {
        tags,
        operationId: 'listReconciliationFindings',
        summary: 'List a reconciliation run’s findings',
        description: 'The same pages as `findings` in the run, without the run.',
        params: IdParams,
        querystring: FindingsQuery,
        response: { 200: pageOf(FindingView), ...problems('RECONCILIATION_NOT_FOUND') },
      },
      config: { scope: 'integrations:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        async (page) => {
          const listed = await useCases.listFindings(request.params.id, findingsFilter(request.query), page);
          return listed.ok ? { ok: true, value: listed.value.findings } : listed;
        },
        findingView,
      ),
  );
}
