import {
  makeCreateMvnoLine,
  makeDeleteMvnoLine,
  makeGetMvnoLine,
  makeListMvnoLines,
  makeUpdateMvnoLine,
} from './lines';
import type { UseCaseDeps } from '../deps';

/** The use cases of the mvno area: what its routes call. */
export function mvnoUseCases(deps: UseCaseDeps) {
  return {
    createMvnoLine: makeCreateMvnoLine(deps),
    listMvnoLines: makeListMvnoLines(deps),
    getMvnoLine: makeGetMvnoLine(deps),
    updateMvnoLine: makeUpdateMvnoLine(deps),
    deleteMvnoLine: makeDeleteMvnoLine(deps),
  };
}

export type MvnoUseCases = ReturnType<typeof mvnoUseCases>;
