import { makeCreateSipLine, makeDeleteSipLine, makeGetSipLine, makeListSipLines, makeUpdateSipLine } from './lines';
import type { UseCaseDeps } from '../deps';

/** The use cases of the voip area: what its routes call. */
export function voipUseCases(deps: UseCaseDeps) {
  return {
    createSipLine: makeCreateSipLine(deps),
    listSipLines: makeListSipLines(deps),
    getSipLine: makeGetSipLine(deps),
    updateSipLine: makeUpdateSipLine(deps),
    deleteSipLine: makeDeleteSipLine(deps),
  };
}

export type VoipUseCases = ReturnType<typeof voipUseCases>;
