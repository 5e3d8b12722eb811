import {
  makeGetOverduePolicy,
  makeListOverdueNotices,
  makeListOverduePolicyHistory,
  makeListOverdueRuns,
  makePreviewOverdue,
  makeRecordOverdueNotice,
  makeReplaceOverduePolicy,
  makeRunOverdue,
} from './overdue';
import type { UseCaseDeps } from '../deps';

/** The use cases of the overdue area: what its routes call. */
export function overdueUseCases(deps: UseCaseDeps) {
  return {
    getOverduePolicy: makeGetOverduePolicy(deps),
    replaceOverduePolicy: makeReplaceOverduePolicy(deps),
    listOverduePolicyHistory: makeListOverduePolicyHistory(deps),
    previewOverdue: makePreviewOverdue(deps),
    runOverdue: makeRunOverdue(deps),
    listOverdueRuns: makeListOverdueRuns(deps),
    recordOverdueNotice: makeRecordOverdueNotice(deps),
    listOverdueNotices: makeListOverdueNotices(deps),
  };
}

export type OverdueUseCases = ReturnType<typeof overdueUseCases>;
