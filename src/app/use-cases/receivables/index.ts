import { makeCancelCharge, makeCreateCharge, makeGetCharge, makeListContractCharges, makePayCharge } from './charges';
import type { UseCaseDeps } from '../deps';

/** The use cases of the receivables area: what its routes call. */
export function receivablesUseCases(deps: UseCaseDeps) {
  return {
    createCharge: makeCreateCharge(deps),
    getCharge: makeGetCharge(deps),
    listContractCharges: makeListContractCharges(deps),
    payCharge: makePayCharge(deps),
    cancelCharge: makeCancelCharge(deps),
  };
}

export type ReceivablesUseCases = ReturnType<typeof receivablesUseCases>;
