import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ContractsUseCases } from '../../use-cases/contracts';
import type { ContractOffers } from '../../use-cases/settings/recent-settings';
import type { Contract } from '../../../domain/contracts/contract';
import { IdempotencyHeaders, IdParams, pageOf, problems } from '../common';
import {
  BulkContractEventBody,
  BulkContractEventResult,
  ContractEventBody,
  ContractEventResult,
  ContractEventView,
  contractEventView,
  ContractQuery,
  ContractView,
  contractView,
  CreateContractBody,
  HistoryQuery,
  UpdateContractBody,
} from './schemas';
import { respond, respondPage } from '../respond';

const tags = ['Contracts'];

const contractViewWith = (offers: ContractOffers) => (contract: Contract) => contractView(contract, offers);

export function contractsRoutes(app: FastifyInstance, useCases: ContractsUseCases) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/contracts',
    {
      schema: {
        tags,
        operationId: 'createContract',
        summary: 'Create a contract (pre_contract, awaiting_signature)',
        description:
          'A new contract starts as `pre_contract` / `awaiting_signature`; apply `activate` when it is signed. `allowedEvents` lists the events its state allows. Send an `Idempotency-Key` to retry safely.',
        headers: IdempotencyHeaders,
        body: CreateContractBody,
        response: { 201: ContractView, ...problems(413, 415, 'UNKNOWN_CUSTOMER', 'IDEMPOTENCY_KEY_REUSED') },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.createContract(request.body),
        201,
        contractViewWith(await useCases.contractOffers()),
      ),
  );

  r.get(
    '/v1/contracts',
    {
      schema: {
        tags,
        operationId: 'listContracts',
        summary: 'List contracts, filtered by customer, status or access status',
        description: 'Filters combine: `customerId`, `status`, `accessStatus`.',
        querystring: ContractQuery,
        response: { 200: pageOf(ContractView), ...problems() },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) => {
      const { limit: _limit, cursor: _cursor, ...filter } = request.query;
      return respondPage(
        reply,
        request.query,
        (page) => useCases.listContracts(filter, page),
        contractViewWith(await useCases.contractOffers()),
      );
    },
  );

  r.get(
    '/v1/contracts/:id',
    {
      schema: {
        tags,
        operationId: 'getContract',
        summary: 'Get a contract',
        description:
          'The contract with its state, `allowedEvents` (so a frontend offers only what applies) and `version`.',
        params: IdParams,
        response: { 200: ContractView, ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.getContract(request.params.id),
        200,
        contractViewWith(await useCases.contractOffers()),
      ),
  );

  r.patch(
    '/v1/contracts/:id',
    {
      schema: {
        tags,
        operationId: 'updateContract',
        summary: "Change a contract's description, billing day or billing validity",
        description:
          'Changes the description, the billing (closing) day and the billing validity (`billingStart`, `billingEnd`; the end not before the start) only: status and access status change through events, approval through `POST /v1/contracts/{id}/approve`.',
        params: IdParams,
        body: UpdateContractBody,
        response: { 200: ContractView, ...problems('CONTRACT_NOT_FOUND', 413, 415) },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.updateContract(request.params.id, request.body),
        200,
        contractViewWith(await useCases.contractOffers()),
      ),
  );

  r.post(
    '/v1/contracts/:id/approve',
    {
      schema: {
        tags,
        operationId: 'approveContract',
        summary: 'Approve a contract (it can then be billed)',
        description:
          'Seed 001: only approved contracts are billed by the STFC dashboard. Approving an approved contract changes nothing; a closed contract cannot be approved.',
        params: IdParams,
        response: { 200: ContractView, ...problems('CONTRACT_NOT_FOUND', 'CONTRACT_CLOSED') },
      },
      config: { scope: 'contracts:write' },
    },
    async (request, reply) =>
      respond(
        reply,
        await useCases.approveContract(request.params.id),
        200,
        contractViewWith(await useCases.contractOffers()),
      ),
  );

  r.post(
    '/v1/contracts/:id/events',
    {
      schema: {
        tags,
        operationId: 'applyContractEvent',
        summary:
          'Apply a lifecycle event (activate, report_late_payment, block, unblock, trust_release, cancel, withdraw)',
        description:
          "An event the current state does not allow answers 409 CONTRACT_TRANSITION_NOT_ALLOWED naming the state and the event. A contract is negativated only through a credit bureau: `negativate` (and `remove_negativation`) answer 409 NEGATIVATION_ONLY_THROUGH_BUREAU, naming POST /v1/negativations. `mode` defaults to manual. `trust_release` (desbloqueio de confiança) releases a blocked contract for `days` days while its overdue debt stays open: at most the overdue policy's `trustReleaseMaxDays` (422 TRUST_RELEASE_TOO_LONG; 409 TRUST_RELEASE_NOT_OFFERED when it has none), once per overdue cycle (409 TRUST_RELEASE_ALREADY_USED), only with an overdue charge (409 NO_OVERDUE_CHARGE); when the days run out, the policy's next run blocks it again. Only a trust release takes `days`.",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ContractEventBody,
        response: {
          201: ContractEventResult,
          ...problems(
            'VALIDATION_FAILED',
            'CONTRACT_NOT_FOUND',
            'CONTRACT_TRANSITION_NOT_ALLOWED',
            'NEGATIVATION_ONLY_THROUGH_BUREAU',
            'CONTRACT_CHANGED_CONCURRENTLY',
            'TRUST_RELEASE_NOT_OFFERED',
            'TRUST_RELEASE_ALREADY_USED',
            'NO_OVERDUE_CHARGE',
            'TRUST_RELEASE_TOO_LONG',
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) => {
      const { type, mode = 'manual', reason = null, days } = request.body;
      const offers = await useCases.contractOffers();
      const result = await useCases.applyContractEvent({
        contractId: request.params.id,
        type,
        mode,
        reason,
        actor: request.apiKey!.name,
        ...(days === undefined ? {} : { days }),
      });
      return respond(reply, result, 201, ({ contract, event }) => ({
        event: contractEventView(event),
        contract: contractView(contract, offers),
        notices: [...event.notices],
      }));
    },
  );

  r.post(
    '/v1/contracts/bulk-events',
    {
      schema: {
        tags,
        operationId: 'applyContractEventToMany',
        summary: 'Apply one lifecycle event to many contracts at once',
        description:
          'All in one transaction; every event but `trust_release` (one contract at a time). Up to 50,000 contracts per call, in a body of up to 4 MiB (more than `BODY_LIMIT_BYTES` when that is lower). Contracts the event does not fit (or that do not exist) are listed under `rejected` and left as they were; their SVA users and lines follow the others. `negativate` and `remove_negativation` answer 409 NEGATIVATION_ONLY_THROUGH_BUREAU: a contract is negativated only through POST /v1/negativations.',
        headers: IdempotencyHeaders,
        body: BulkContractEventBody,
        response: {
          200: BulkContractEventResult,
          ...problems(
            'CONTRACT_CHANGED_CONCURRENTLY',
            'NEGATIVATION_ONLY_THROUGH_BUREAU',
            413,
            415,
            'IDEMPOTENCY_KEY_REUSED',
          ),
        },
      },
      // 50,000 ids of 36 characters, quoted and separated, with room for the rest.
      bodyLimit: 4 * 1024 * 1024,
      config: { scope: 'contracts:write', idempotent: true },
    },
    async (request, reply) => {
      const { type, mode = 'manual', reason = null, contractIds } = request.body;
      return respond(
        reply,
        await useCases.applyContractEventToMany({ contractIds, type, mode, reason, actor: request.apiKey!.name }),
        200,
        (outcome) => outcome,
      );
    },
  );

  r.get(
    '/v1/contracts/:id/events',
    {
      schema: {
        tags,
        operationId: 'listContractEvents',
        summary: "A contract's history, oldest first",
        description:
          "Every event applied to the contract: type, mode, reason, actor (the API key's name), when, and the state before and after, oldest first.",
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: pageOf(ContractEventView), ...problems('CONTRACT_NOT_FOUND') },
      },
      config: { scope: 'contracts:read' },
    },
    async (request, reply) =>
      respondPage(
        reply,
        request.query,
        (page) => useCases.listContractHistory(request.params.id, page),
        contractEventView,
      ),
  );
}
