import { at, ids, later, page } from '../example-story';

const overduePolicy = {
  preset: 'anatel_rgc_765_2023',
  reportLatePaymentAfterDays: null,
  blockAfterDays: 15,
  cancelAfterDays: 60,
  trustReleaseMaxDays: 5,
};

const overdueChange = {
  contractId: ids.contract,
  stage: 'block',
  event: 'block',
  from: { status: 'active', accessStatus: 'active' },
  to: { status: 'active', accessStatus: 'automatic_block' },
  daysOverdue: 46,
  chargeId: ids.charge,
  dueDate: '2026-10-10',
  reason: `Anatel RGC (Resolução nº 765/2023), Art. 70: suspension 15 days after the notice of the debt sent on 2026-11-10 (charge ${ids.charge} due 2026-10-10).`,
};

const overdueTimeline = {
  contractId: ids.contract,
  chargeId: ids.charge,
  dueDate: '2026-10-10',
  notice: { on: '2026-11-10', sent: true, article: 'Art. 70; Art. 71, I–V' },
  suspension: { on: '2026-11-25', begun: false, article: 'Art. 70' },
  rescission: { on: '2027-01-24', article: 'Art. 73; Art. 75' },
  heldBack: null,
};

const overdueNotice = {
  id: '0193a4ff-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
  contractId: ids.contract,
  chargeId: ids.charge,
  channel: 'letter',
  status: 'sent',
  sentAt: at,
  content:
    'Consta em aberto a fatura de R$ 99,90 referente a 10/2026, vencida em 10/10/2026. Sem o pagamento, o serviço poderá ser suspenso a partir de 15 dias desta notificação…',
  actor: 'financeiro-ana',
  createdAt: at,
};

const overdueRun = {
  id: ids.overdueRun,
  asOf: '2026-11-25',
  trigger: 'schedule',
  actor: 'system:overdue-policy',
  startedAt: at,
  finishedAt: later,
  policy: overduePolicy,
  latePaymentsReported: 12,
  blocked: 1,
  cancelled: 0,
  rejected: 0,
};

const policyChange = {
  id: ids.policyChange,
  at,
  actor: 'erp-integration',
  changed: ['preset', 'reportLatePaymentAfterDays', 'blockAfterDays', 'cancelAfterDays', 'trustReleaseMaxDays'],
  before: {
    preset: null,
    reportLatePaymentAfterDays: null,
    blockAfterDays: null,
    cancelAfterDays: null,
    trustReleaseMaxDays: null,
  },
  after: overduePolicy,
};

const rgcPreset = {
  id: 'anatel_rgc_765_2023',
  title: 'Anatel RGC (Resolução nº 765/2023)',
  source: 'https://www.gov.br/anatel/pt-br/consumidor/conheca-seus-direitos/suspensao',
  notice: {
    afterDueDays: 1,
    article: 'Art. 70; Art. 71, I–V',
    rule: 'Before any suspension the consumer is notified of the overdue debt.',
    contents: ['the reason for the suspension', 'the amount of the debt and the month it refers to'],
  },
  steps: [
    {
      stage: 'block',
      daysAfterPrevious: 15,
      article: 'Art. 70',
      rule: 'Suspension no sooner than 15 days after the notice of the debt was sent.',
    },
  ],
  restore: { withinHours: 24, article: 'Art. 78' },
  stageDays: { reportLatePaymentAfterDays: null, blockAfterDays: 15, cancelAfterDays: 60 },
};

/** An example per named schema of the overdue area, from the one story (src/app/http/example-story.ts). */
export const OVERDUE_EXAMPLES: Readonly<Record<string, unknown>> = {
  OverduePolicy: { ...overduePolicy, version: 1, updatedAt: at, updatedBy: 'erp-integration' },
  OverduePolicyRequest: { preset: 'anatel_rgc_765_2023', trustReleaseMaxDays: 5 },
  OverduePolicySettings: overduePolicy,
  OverduePolicyChange: policyChange,
  OverduePolicyChangePage: page(policyChange),
  OverduePreset: rgcPreset,
  OverduePresetStep: rgcPreset.steps[0],
  OverduePresetList: { items: [rgcPreset] },
  OverdueChange: overdueChange,
  OverduePreview: {
    date: '2026-11-25',
    policy: overduePolicy,
    counts: { latePaymentsReported: 0, blocked: 1, cancelled: 0 },
    changes: [overdueChange],
    timelines: [overdueTimeline],
  },
  OverdueTimeline: overdueTimeline,
  OverdueTimelineNotice: overdueTimeline.notice,
  OverdueTimelineSuspension: overdueTimeline.suspension,
  OverdueTimelineRescission: overdueTimeline.rescission,
  OverdueNotice: overdueNotice,
  OverdueNoticeList: { items: [overdueNotice] },
  RecordOverdueNoticeRequest: { channel: 'letter', sentAt: at, content: overdueNotice.content },
  OverdueRun: overdueRun,
  OverdueRunPage: page(overdueRun),
  OverdueRunResult: { run: overdueRun, changes: [overdueChange], rejected: [] },
};
