import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { StfcUseCases } from '../../use-cases/stfc';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import { seesPersonalData } from '../personal-data';
import { respond, respondPage } from '../respond';
import {
  BillableQuery,
  BillingBatchDetailView,
  billingBatchDetailView,
  BillingBatchView,
  billingBatchView,
  CallRecordQuery,
  CallRecordView,
  callRecordView,
  CreateBillingBatchBody,
  CreateOneOffValueBody,
  CreateZeroBillingEventBody,
  ListQuery,
  OneOffValueView,
  oneOffValueView,
  StfcContractQuery,
  IndicatorsQuery,
  StfcIndicatorsView,
  StfcContractView,
  stfcContractView,
  StfcServiceView,
  stfcServiceView,
  ZeroBillingEventView,
  zeroBillingEventView,
} from './schemas';

const tags = ['STFC dashboard'];
const DISABLED =
  'Answers 409 STFC_MODULE_DISABLED while no Summit integration exists (seed 001: the module must be enabled).';
/** Seed 001's dashboard: telephony contracts, the billable list, one-off values, zero-billing events, billing batches and their calls. */
export function stfcDashboardRoutes(app: FastifyInstance, useCases: StfcUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/v1/stfc/contracts',
    {
      schema: {
        tags,
        operationId: 'listStfcContracts',
        summary: 'Telephony contracts: contracts with a Summit service',
        description: `Seed 001, "Contratos - Telefonia": each contract with its Summit service (the live one, or the latest deleted). Filter by \`status\`, \`integrationState\` (with \`competence\` for billing failures) and \`provisionedIn\`; \`q\` searches the customer's name or document and the number. ${DISABLED}`,
        querystring: StfcContractQuery,
        response: { 200: pageOf(StfcContractView), ...problems('STFC_MODULE_DISABLED') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => {
      const { status, q, integrationState, provisionedIn, competence } = request.query;
      return respondPage(
        reply,
        request.query,
        (page) => useCases.listStfcContracts({ status, q, integrationState, provisionedIn, competence }, page),
        stfcContractView(seesPersonalData(request), await useCases.contractOffers()),
      );
    },
  );

  r.get(
    '/v1/stfc/billable-contracts',
    {
      schema: {
        tags,
        operationId: 'listBillableStfcContracts',
        summary: 'Contracts to bill for a competence ("Gerar Cobrança")',
        description: `Seed 001's eight rules: approved; status Normal (active, access active); Summit service active and not deleted; inside the billing validity; not billed in the competence; no charge for the competence (cancelled ones aside); no one-off value linked to the Summit service for the competence; no zero-billing event for it. The same filters as the telephony contracts. ${DISABLED}`,
        querystring: BillableQuery,
        response: { 200: pageOf(StfcContractView), ...problems('STFC_MODULE_DISABLED') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => {
      const { competence, status, q, integrationState, provisionedIn } = request.query;
      return respondPage(
        reply,
        request.query,
        (page) => useCases.listBillableContracts(competence, { status, q, integrationState, provisionedIn }, page),
        stfcContractView(seesPersonalData(request), await useCases.contractOffers()),
      );
    },
  );

  r.get(
    '/v1/contracts/:id/stfc-services',
    {
      schema: {
        tags,
        operationId: 'listContractStfcServices',
        summary: "A contract's Summit services, deleted ones included",
        description: 'The live service (at most one) and those whose product left the contract.',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(StfcServiceView) }, { title: 'StfcServiceList' }),
          ...problems('CONTRACT_NOT_FOUND'),
        },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.listContractStfcServices(request.params.id), 200, (items) => ({
        items: items.map(stfcServiceView),
      })),
  );

  r.post(
    '/v1/contracts/:id/one-off-values',
    {
      schema: {
        tags,
        operationId: 'createOneOffValue',
        summary: 'Add a one-off value (valor eventual) to a contract',
        description:
          "An amount for one competence. Without `stfcServiceId` it is linked to the contract's live Summit service, and keeps the contract out of that competence's STFC billing. Send an `Idempotency-Key` to retry safely.",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateOneOffValueBody,
        response: { 201: OneOffValueView, ...problems('CONTRACT_NOT_FOUND', 413, 415, 'IDEMPOTENCY_KEY_REUSED') },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.addOneOffValue(request.params.id, { ...request.body, actor: request.apiKey!.name }),
        201,
        oneOffValueView,
      ),
  );

  r.get(
    '/v1/contracts/:id/one-off-values',
    {
      schema: {
        tags,
        operationId: 'listOneOffValues',
        summary: "A contract's one-off values",
        description: 'Oldest first.',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: pageOf(OneOffValueView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listOneOffValues(request.params.id, page), oneOffValueView),
  );

  r.post(
    '/v1/contracts/:id/zero-billing-events',
    {
      schema: {
        tags,
        operationId: 'createZeroBillingEvent',
        summary: 'Record a zero-billing event on a contract',
        description:
          'Evento de faturamento zerado: the contract is left out of the STFC billing for the competence, or for every competence when none is given. Send an `Idempotency-Key` to retry safely.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateZeroBillingEventBody,
        response: {
          201: ZeroBillingEventView,
          ...problems('CONTRACT_NOT_FOUND', 'CONTRACT_CLOSED', 413, 415, 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.addZeroBillingEvent(request.params.id, { ...request.body, actor: request.apiKey!.name }),
        201,
        zeroBillingEventView,
      ),
  );

  r.get(
    '/v1/contracts/:id/zero-billing-events',
    {
      schema: {
        tags,
        operationId: 'listZeroBillingEvents',
        summary: "A contract's zero-billing events",
        description: 'Oldest first.',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: pageOf(ZeroBillingEventView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listZeroBillingEvents(request.params.id, page),
        zeroBillingEventView,
      ),
  );

  r.post(
    '/v1/stfc/billing-batches',
    {
      schema: {
        tags,
        operationId: 'createBillingBatch',
        summary: 'Generate billing for contracts (Gerar Cobrança)',
        description: `Answers 202 with the batch; each contract is processed in the background: its month's billing and calls are fetched from Summit, the charge is created and the calls imported. Each contract is judged by the eight rules of the billable list first: one that breaks any is skipped, its message naming them. Safe to repeat: a contract is billed once per competence, and a call imported once. Unknown contracts refuse the request (400). Send an \`Idempotency-Key\` to retry safely. ${DISABLED}`,
        headers: IdempotencyHeaders,
        body: CreateBillingBatchBody,
        response: {
          202: BillingBatchDetailView,
          ...problems('STFC_MODULE_DISABLED', 413, 415, 'IDEMPOTENCY_KEY_REUSED'),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.createBillingBatch({ ...request.body, actor: request.apiKey!.name }),
        202,
        billingBatchDetailView,
      ),
  );

  r.get(
    '/v1/stfc/billing-batches',
    {
      schema: {
        tags,
        operationId: 'listBillingBatches',
        summary: 'Billing batches, newest first (Acompanhamento)',
        description: `Each batch with its progress. ${DISABLED}`,
        querystring: ListQuery,
        response: { 200: pageOf(BillingBatchView), ...problems('STFC_MODULE_DISABLED') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(reply, request.query, (page) => useCases.listBillingBatches(page), billingBatchView),
  );

  r.get(
    '/v1/stfc/billing-batches/:id',
    {
      schema: {
        tags,
        operationId: 'getBillingBatch',
        summary: 'A billing batch with its processing logs',
        description: `Progress and, per contract, the state, message, charge and calls imported. A contract whose delivery gave up shows as failed with the last error: retry it from /v1/integration-deliveries. ${DISABLED}`,
        params: IdParams,
        response: { 200: BillingBatchDetailView, ...problems('STFC_MODULE_DISABLED', 'BILLING_BATCH_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.getBillingBatch(request.params.id), 200, billingBatchDetailView),
  );

  r.get(
    '/v1/contracts/:id/call-records',
    {
      schema: {
        tags,
        operationId: 'listCallRecords',
        summary: "A contract's imported calls",
        description: 'The calls imported from Summit, filtered by `competence`, in import order.',
        params: IdParams,
        querystring: CallRecordQuery,
        response: { 200: pageOf(CallRecordView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listCallRecords(request.params.id, request.query.competence, page),
        callRecordView,
      ),
  );

  r.get(
    '/v1/stfc/indicators',
    {
      schema: {
        tags,
        operationId: 'getStfcIndicators',
        summary: "The dashboard's indicators for a competence",
        description: `New subscribers, integration errors and not billed, each with the list behind its number. ${DISABLED}`,
        querystring: IndicatorsQuery,
        response: { 200: StfcIndicatorsView, ...problems('STFC_MODULE_DISABLED') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(reply, await useCases.stfcIndicators(request.query.competence), 200, (indicators) => indicators),
  );
}
