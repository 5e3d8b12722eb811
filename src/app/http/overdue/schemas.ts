import { Type } from 'typebox';
import {
  OVERDUE_PRESETS,
  OVERDUE_STAGES,
  presetStageDays,
  type OverduePreset,
} from '../../../domain/overdue/overdue-preset';
import { stageCounts, type OverdueDecision, type OverduePolicy } from '../../../domain/overdue/overdue-policy';
import type { OverdueRun } from '../../../domain/overdue/ports';
import type { SettingsChange, StoredSettings } from '../../../domain/settings/ports';
import type { OverduePreview, OverdueRunOutcome } from '../../use-cases/overdue/overdue';
import { FreeText, Id, Nullable, PageQuery, RequestTimestamp, StringEnum, Timestamp } from '../common';
import { RECORDED_NOTICE_CHANNELS, type OverdueNotice } from '../../../domain/overdue/overdue-notice';
import { ContractStateView } from '../contracts/schemas';
import { CalendarDate } from '../receivables/schemas';

const Days = (description: string) => Nullable(Type.Integer({ minimum: 1, maximum: 3650, description }));
const Stage = StringEnum(OVERDUE_STAGES, { description: 'report_late_payment, block or cancel.' });
const PresetId = StringEnum(OVERDUE_PRESETS.map((p) => p.id) as [string, ...string[]], {
  description: 'A preset from GET /v1/settings/overdue-policy/presets.',
});

const policyFields = {
  // A string in answers: the history keeps policies on presets since replaced (anatel_rgc_632_2014).
  preset: Nullable(
    Type.String({
      description: 'The preset the stages follow (a past change may name one since replaced); null: days of your own.',
    }),
  ),
  reportLatePaymentAfterDays: Days(
    'Days overdue (counted from the oldest overdue charge) after which the contract shows late payment; null: never.',
  ),
  blockAfterDays: Days('Days overdue after which the contract is blocked (automatic); null: never.'),
  cancelAfterDays: Days(
    'Days overdue after which the contract is cancelled (automatic), even one blocked by hand; null: never.',
  ),
  trustReleaseMaxDays: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 90,
      description: 'Longest trust release (desbloqueio de confiança), in days; null: not offered.',
    }),
  ),
};

export const OverduePolicyBody = Type.Object(
  {
    preset: Type.Optional(Nullable(PresetId)),
    reportLatePaymentAfterDays: Type.Optional(policyFields.reportLatePaymentAfterDays),
    blockAfterDays: Type.Optional(policyFields.blockAfterDays),
    cancelAfterDays: Type.Optional(policyFields.cancelAfterDays),
    trustReleaseMaxDays: policyFields.trustReleaseMaxDays,
  },
  {
    title: 'OverduePolicyRequest',
    additionalProperties: false,
    description:
      'Either a `preset` (its stage days follow the regulation it cites) or the three stage days of your own, in order (null turns a stage off) — not both. `trustReleaseMaxDays` always.',
  },
);

const PolicyObject = Type.Object(policyFields, { title: 'OverduePolicySettings' });

export const OverduePolicyView = Type.Object(
  {
    ...policyFields,
    version: Type.Integer({ description: '0 until the first change.' }),
    updatedAt: Nullable(Timestamp),
    updatedBy: Nullable(Type.String()),
  },
  { title: 'OverduePolicy', description: 'What happens to a contract as its oldest overdue charge ages.' },
);

export const overduePolicyView = (stored: StoredSettings<OverduePolicy>) => ({
  ...stored.settings,
  version: stored.version,
  updatedAt: stored.updatedAt?.toISOString() ?? null,
  updatedBy: stored.updatedBy,
});

export const OverduePolicyChangeView = Type.Object(
  {
    id: Id,
    at: Timestamp,
    actor: Type.String(),
    changed: Type.Array(Type.String(), { description: 'The fields that changed.' }),
    before: PolicyObject,
    after: PolicyObject,
  },
  { title: 'OverduePolicyChange' },
);

export const overduePolicyChangeView = (change: SettingsChange<OverduePolicy>) => ({
  ...change,
  at: change.at.toISOString(),
  before: { ...change.before },
  after: { ...change.after },
  changed: [...change.changed],
});

export const OverduePresetView = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    source: Type.String({ format: 'uri' }),
    notice: Type.Object(
      {
        afterDueDays: Type.Integer({
          description: 'From how many days after the due date the overdue run sends the notice.',
        }),
        article: Type.String(),
        rule: Type.String(),
        contents: Type.Array(Type.String(), { description: 'What the notice must say.' }),
      },
      {
        description:
          'The notice of the overdue debt: nothing is suspended before one is actually sent (through Opa! Suite, or recorded with POST /v1/contracts/{id}/overdue-notices).',
      },
    ),
    steps: Type.Array(
      Type.Object(
        {
          stage: Stage,
          daysAfterPrevious: Type.Integer({
            description: 'Days after the step before began (the first: after the notice was sent).',
          }),
          article: Type.String(),
          rule: Type.String(),
        },
        { title: 'OverduePresetStep' },
      ),
    ),
    restore: Type.Object(
      { withinHours: Type.Integer(), article: Type.String() },
      { description: 'How soon service comes back after payment.' },
    ),
    stageDays: Type.Object(
      {
        reportLatePaymentAfterDays: Nullable(Type.Integer()),
        blockAfterDays: Nullable(Type.Integer()),
        cancelAfterDays: Nullable(Type.Integer()),
      },
      {
        description:
          'The steps as the policy keeps them: blockAfterDays counts from the notice sent, cancelAfterDays from the suspension; null: no such stage.',
      },
    ),
  },
  { title: 'OverduePreset', description: 'A policy that follows a regulation, kept as data citing its articles.' },
);

export const OverduePresetList = Type.Object({ items: Type.Array(OverduePresetView) }, { title: 'OverduePresetList' });

const presetView = (preset: OverduePreset) => {
  const days = presetStageDays(preset);
  return {
    ...preset,
    notice: { ...preset.notice, contents: [...preset.notice.contents] },
    steps: preset.steps.map((s) => ({ ...s })),
    restore: { ...preset.restore },
    stageDays: {
      reportLatePaymentAfterDays: days.report_late_payment,
      blockAfterDays: days.block,
      cancelAfterDays: days.cancel,
    },
  };
};

export const presetListView = () => ({ items: OVERDUE_PRESETS.map(presetView) });

export const PreviewQuery = Type.Object(
  { date: Type.Optional(CalendarDate('The day to preview (YYYY-MM-DD); today when not sent.')) },
  { additionalProperties: false },
);

export const OverdueChangeView = Type.Object(
  {
    contractId: Id,
    stage: Stage,
    event: Stage,
    from: ContractStateView,
    to: ContractStateView,
    daysOverdue: Type.Integer({ description: 'Age of the oldest overdue charge on the day.' }),
    chargeId: Id,
    dueDate: Type.String({ format: 'date' }),
    reason: Type.String({ description: 'As written in the contract history.' }),
  },
  { title: 'OverdueChange', description: 'A contract the policy moves, from what to what, and why.' },
);

const changeView = (d: OverdueDecision) => ({ ...d, from: { ...d.from }, to: { ...d.to } });

const Counts = Type.Object({
  latePaymentsReported: Type.Integer(),
  blocked: Type.Integer(),
  cancelled: Type.Integer(),
});

const Day = Type.String({ format: 'date' });
const TimelineStep = (title: string, extra: Record<string, ReturnType<typeof Type.Boolean>>, description: string) =>
  Nullable(Type.Object({ on: Day, article: Type.String(), ...extra }, { title, description }));

export const OverdueTimelineView = Type.Object(
  {
    contractId: Id,
    chargeId: Id,
    dueDate: Day,
    notice: TimelineStep(
      'OverdueTimelineNotice',
      { sent: Type.Boolean({ description: 'true: sent on that day; false: the next run sends it.' }) },
      'The notice of the debt.',
    ),
    suspension: TimelineStep(
      'OverdueTimelineSuspension',
      { begun: Type.Boolean() },
      'The suspension: on its day, no sooner than the preset allows after the notice.',
    ),
    rescission: TimelineStep(
      'OverdueTimelineRescission',
      {},
      'The rescission: no sooner than the preset allows after the suspension began.',
    ),
    heldBack: Nullable(
      Type.String({ description: 'Why the preset does not suspend the contract: no notice was sent and none can be.' }),
    ),
  },
  {
    title: 'OverdueTimeline',
    description: "Under a preset, an overdue contract's course: each step on its day, citing its article.",
  },
);

export const OverduePreviewView = Type.Object(
  {
    date: Type.String({ format: 'date' }),
    policy: PolicyObject,
    counts: Counts,
    changes: Type.Array(OverdueChangeView),
    timelines: Type.Array(OverdueTimelineView, {
      description:
        'Under a preset: every active contract with an overdue charge, its notice, suspension and rescission (or why it is held back). Empty without a preset.',
    }),
  },
  { title: 'OverduePreview', description: 'What a run would do on the day; nothing is changed.' },
);

export const overduePreviewView = (preview: OverduePreview) => ({
  date: preview.date,
  policy: { ...preview.policy },
  counts: stageCounts(preview.changes),
  changes: preview.changes.map(changeView),
  timelines: preview.timelines.map((t) => ({
    ...t,
    notice: t.notice && { ...t.notice },
    suspension: t.suspension && { ...t.suspension },
    rescission: t.rescission && { ...t.rescission },
  })),
});

export const RecordOverdueNoticeBody = Type.Object(
  {
    channel: StringEnum(RECORDED_NOTICE_CHANNELS, {
      description:
        'How it was sent: letter, invoice, email, sms or other (Opa! Suite notices are sent by the overdue run).',
    }),
    sentAt: RequestTimestamp('When it was sent (not in the future).'),
    content: FreeText({
      minLength: 1,
      maxLength: 4000,
      description:
        'What the notice said (the RGC asks for the reason, the amount and month, the deadlines, the credit bureaus and how soon service comes back).',
    }),
    chargeId: Type.Optional(Id),
  },
  {
    title: 'RecordOverdueNoticeRequest',
    additionalProperties: false,
    description:
      'A notice of the overdue debt sent by another channel; `chargeId` defaults to the oldest overdue charge.',
  },
);

export const OverdueNoticeView = Type.Object(
  {
    id: Id,
    contractId: Id,
    chargeId: Id,
    channel: StringEnum([...RECORDED_NOTICE_CHANNELS, 'opa_suite'] as const),
    status: StringEnum(['sent', 'pending', 'failed', 'skipped'] as const, {
      description: 'A recorded notice is sent; an Opa! Suite one as its notification stands.',
    }),
    sentAt: Nullable(Timestamp),
    content: Type.String({ description: 'What it said.' }),
    actor: Nullable(Type.String({ description: 'Who recorded it (null: the overdue run sent it).' })),
    createdAt: Timestamp,
  },
  {
    title: 'OverdueNotice',
    description:
      'A notice of an overdue debt, kept as evidence: the RGC preset counts the suspension from the first one sent.',
  },
);

export const OverdueNoticeList = Type.Object({ items: Type.Array(OverdueNoticeView) }, { title: 'OverdueNoticeList' });

export const overdueNoticeView = (n: OverdueNotice) => ({
  ...n,
  sentAt: n.sentAt ? new Date(n.sentAt).toISOString() : null,
  createdAt: new Date(n.createdAt).toISOString(),
});

export const OverdueRunView = Type.Object(
  {
    id: Id,
    asOf: Type.String({ format: 'date', description: 'The day the run applied the policy for.' }),
    trigger: StringEnum(['schedule', 'api'] as const),
    actor: Type.String({ description: 'Who asked: the schedule or the API key.' }),
    startedAt: Timestamp,
    finishedAt: Timestamp,
    policy: PolicyObject,
    latePaymentsReported: Type.Integer(),
    blocked: Type.Integer(),
    cancelled: Type.Integer(),
    rejected: Type.Integer({ description: 'Contracts whose event the lifecycle refused.' }),
  },
  { title: 'OverdueRun' },
);

export const overdueRunView = (run: OverdueRun) => ({
  ...run,
  policy: { ...run.policy },
  startedAt: run.startedAt.toISOString(),
  finishedAt: run.finishedAt.toISOString(),
});

export const OverdueRunResult = Type.Object(
  {
    run: OverdueRunView,
    changes: Type.Array(OverdueChangeView, { description: 'Every contract the run moved.' }),
    rejected: Type.Array(Type.Object({ contractId: Id, code: Type.String(), message: Type.String() })),
  },
  { title: 'OverdueRunResult' },
);

export const overdueRunResultView = (outcome: OverdueRunOutcome) => ({
  run: overdueRunView(outcome.run),
  changes: outcome.changes.map(changeView),
  rejected: outcome.rejected.map((r) => ({ ...r })),
});

export const RunsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
