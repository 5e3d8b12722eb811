import { contract, exaProduct, ids, later, page } from '../example-story';

const contractEvent = {
  id: ids.event,
  contractId: ids.contract,
  type: 'activate',
  mode: 'manual',
  reason: 'Instalação concluída',
  actor: 'erp-integration',
  at: later,
  before: { status: 'pre_contract', accessStatus: 'awaiting_signature' },
  after: { status: 'active', accessStatus: 'active' },
  notices: [],
};

const contractItem = { id: ids.item, contractId: ids.contract, product: exaProduct, priceCents: 990, createdAt: later };

/** An example per named schema of the contracts area, from the one story (src/app/http/example-story.ts). */
export const CONTRACTS_EXAMPLES: Readonly<Record<string, unknown>> = {
  AddContractProductRequest: { productId: ids.exaProduct, priceCents: 990 },
  ContractItem: contractItem,
  ContractItemList: { items: [contractItem] },
  AddedContractItem: { ...contractItem, notices: [] },
  Contract: contract,
  ContractPage: page(contract),
  ContractState: { status: 'active', accessStatus: 'automatic_block' },
  CreateContractRequest: {
    customerId: ids.customer,
    description: 'Fibra 500 Mega — Av. Paulista, 1578',
    billingDay: 10,
    billingStart: '2026-11-01',
  },
  UpdateContractRequest: { billingDay: 15 },
  ContractEventRequest: { type: 'block', mode: 'automatic', reason: '15 dias em atraso' },
  ContractEvent: contractEvent,
  ContractEventPage: page(contractEvent),
  ContractEventResult: { event: contractEvent, contract, notices: [] },
  BulkContractEventRequest: {
    type: 'block',
    mode: 'automatic',
    reason: 'Régua de cobrança: 15 dias em atraso',
    contractIds: [ids.contract],
  },
  BulkContractEventResult: {
    applied: [ids.contract],
    rejected: [
      {
        contractId: '0193a4f2-7d02-7c11-8a22-3e5f6a7b8c93',
        code: 'CONTRACT_TRANSITION_NOT_ALLOWED',
        message: "Event 'block' is not allowed for a contract with status 'inactive' and access status 'disabled'.",
      },
    ],
    notices: [],
  },
};
