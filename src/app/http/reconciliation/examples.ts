/* Examples of the reconciliation area's schemas, as the OpenAPI document shows them. */

const run = {
  id: '0193a500-4680-7acc-9d77-3e4f50617283',
  mode: 'plan',
  targetKind: null,
  integrationId: null,
  removeExtra: false,
  trigger: 'api',
  actor: 'erp-backoffice',
  status: 'finished',
  progress: { integrations: 2, integrationsDone: 2, compared: 1520, platformSubscriptions: 1519, platformCalls: 3 },
  counts: { findings: 2, byKind: { sva_user: { status: 1, extra: 1 } }, repaired: 0, skipped: 0 },
  error: null,
  createdAt: '2026-11-24T14:02:00.000Z',
  startedAt: '2026-11-24T14:02:00.412Z',
  finishedAt: '2026-11-24T14:02:03.870Z',
};

const finding = {
  id: '0193a500-4681-7acc-9d77-3e4f50617284',
  kind: 'status',
  targetKind: 'sva_user',
  targetId: '0193a4f0-1111-7aaa-8bbb-0c1d2e3f4a5b',
  reference: '0193a4f0-1111-7aaa-8bbb-0c1d2e3f4a5b',
  contractId: '0193a4ef-9b2c-7d3e-8f40-5a6b7c8d9e0f',
  integrationId: '0193a4e0-7c1d-7e2f-9a3b-4c5d6e7f8091',
  platform: 'exa',
  desired: {
    status: 'blocked',
    packageCode: 'EXA-SEG-BASICO',
    mobilePhone: '+5511987654321',
    contractStatus: 'active',
  },
  actual: {
    status: 'active',
    packageCode: 'EXA-SEG-BASICO',
    mobilePhone: '+5511987654321',
    document: '12345678909',
    email: 'maria@example.com',
  },
  repair: { actions: ['block_user'] },
  outcome: null,
};

export const RECONCILIATION_EXAMPLES: Readonly<Record<string, unknown>> = {
  StartReconciliationRequest: { mode: 'plan' },
  Reconciliation: run,
  ReconciliationCounts: run.counts,
  ReconciliationProgress: run.progress,
  ReconciliationPage: { items: [run], nextCursor: null },
  ReconciliationFinding: finding,
  ReconciliationFindingPage: { items: [finding], nextCursor: null },
  ReconciliationWithFindings: { ...run, findings: { items: [finding], nextCursor: null } },
};
