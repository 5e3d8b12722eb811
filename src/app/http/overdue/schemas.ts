import { Type } from 'typebox';
import { OVERDUE_PRESETS, OVERDUE_STAGES, presetStageDays, stageCounts, type OverdueDecision, type OverduePolicy, type OverduePreset } from '../../../domain/overdue/overdue-policy';
import type { OverdueRun, SettingsChange, StoredSettings } from '../../../domain/ports/repositories';
import type { OverduePreview, OverdueRunOutcome } from '../../use-cases/overdue/overdue';
import { Id, Nullable, PageQuery, StringEnum, Timestamp } from '../common';
import { ContractStateView } from '../contracts/schemas';
import { CalendarDate } from '../receivables/schemas';

const Days = (description: string) => Nullable(Type.Integer({ minimum: 1, maximum: 3650, description }));
const Stage = StringEnum(OVERDUE_STAGES, { description: 'report_late_payment, block or cancel.' });
const PresetId = StringEnum(OVERDUE_PRESETS.map((p) => p.id) as [string, ...string[]], { description: 'A preset from GET /v1/settings/overdue-policy/presets.' });

const policyFields = {
  preset: Nullable(PresetId),
  reportLatePaymentAfterDays: Days('Days overdue (counted from the oldest overdue charge) after which the contract shows late payment; null: never.'),
  blockAfterDays: Days('Days overdue after which the contract is blocked (automatic); null: never.'),
  cancelAfterDays: Days('Days overdue after which the contract is cancelled (automatic), even one blocked by hand; null: never.'),
  trustReleaseMaxDays: Nullable(Type.Integer({ minimum: 1, maximum: 90, description: 'Longest trust release (desbloqueio de confiança), in days; null: not offered.' })),
};

export const OverduePolicyBody = Type.Object(
  {
    preset: Type.Optional(policyFields.preset),
    reportLatePaymentAfterDays: Type.Optional(policyFields.reportLatePaymentAfterDays),
    blockAfterDays: Type.Optional(policyFields.blockAfterDays),
    cancelAfterDays: Type.Optional(policyFields.cancelAfterDays),
    trustReleaseMaxDays: policyFields.trustReleaseMaxDays,
  },
  {
    title: 'OverduePolicyRequest',
    additionalProperties: false,
    description: 'Either a `preset` (its stage days follow the regulation it cites) or the three stage days of your own, in order (null turns a stage off) — not both. `trustReleaseMaxDays` always.',
  },
);

const PolicyObject = Type.Object(policyFields, { title: 'OverduePolicySettings' });

export const OverduePolicyView = Type.Object(
  { ...policyFields, version: Type.Integer({ description: '0 until the first change.' }), updatedAt: Nullable(Timestamp), updatedBy: Nullable(Type.String()) },
  { title: 'OverduePolicy', description: 'What happens to a contract as its oldest overdue charge ages.' },
);

export const overduePolicyView = (stored: StoredSettings<OverduePolicy>) => ({
  ...stored.settings,
  version: stored.version,
  updatedAt: stored.updatedAt?.toISOString() ?? null,
  updatedBy: stored.updatedBy,
});

export const OverduePolicyChangeView = Type.Object(
  { id: Id, at: Timestamp, actor: Type.String(), changed: Type.Array(Type.String(), { description: 'The fields that changed.' }), before: PolicyObject, after: PolicyObject },
  { title: 'OverduePolicyChange' },
);

export const overduePolicyChangeView = (change: SettingsChange<OverduePolicy>) => ({ ...change, at: change.at.toISOString(), before: { ...change.before }, after: { ...change.after }, changed: [...change.changed] });

export const OverduePresetView = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    source: Type.String({ format: 'uri' }),
    startsAfterDays: Type.Integer({ description: 'Where the first step counts from, in days after the due date.' }),
    start: Type.String({ description: 'Why the count starts there.' }),
    steps: Type.Array(
      Type.Object({ stage: Stage, daysAfterPrevious: Type.Integer(), article: Type.String(), rule: Type.String() }, { title: 'OverduePresetStep' }),
    ),
    stageDays: Type.Object({ reportLatePaymentAfterDays: Type.Integer(), blockAfterDays: Type.Integer(), cancelAfterDays: Type.Integer() }, { description: 'The steps as days overdue, as the policy keeps them.' }),
  },
  { title: 'OverduePreset', description: 'A policy that follows a regulation, kept as data citing its articles.' },
);

export const OverduePresetList = Type.Object({ items: Type.Array(OverduePresetView) }, { title: 'OverduePresetList' });

const presetView = (preset: OverduePreset) => {
  const days = presetStageDays(preset);
  return { ...preset, steps: preset.steps.map((s) => ({ ...s })), stageDays: { reportLatePaymentAfterDays: days.report_late_payment!, blockAfterDays: days.block!, cancelAfterDays: days.cancel! } };
};

export const presetListView = () => ({ items: OVERDUE_PRESETS.map(presetView) });

export const PreviewQuery = Type.Object({ date: Type.Optional(CalendarDate('The day to preview (YYYY-MM-DD); today when not sent.')) }, { additionalProperties: false });


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

const Counts = Type.Object({ latePaymentsReported: Type.Integer(), blocked: Type.Integer(), cancelled: Type.Integer() });

export const OverduePreviewView = Type.Object(
  { date: Type.String({ format: 'date' }), policy: PolicyObject, counts: Counts, changes: Type.Array(OverdueChangeView) },
  { title: 'OverduePreview', description: 'What a run would do on the day; nothing is changed.' },
);

export const overduePreviewView = (preview: OverduePreview) => ({ date: preview.date, policy: { ...preview.policy }, counts: stageCounts(preview.changes), changes: preview.changes.map(changeView) });

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

export const overdueRunView = (run: OverdueRun) => ({ ...run, policy: { ...run.policy }, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt.toISOString() });

export const OverdueRunResult = Type.Object(
  {
    run: OverdueRunView,
    changes: Type.Array(OverdueChangeView, { description: 'Every contract the run moved.' }),
    rejected: Type.Array(Type.Object({ contractId: Id, code: Type.String(), message: Type.String() })),
  },
  { title: 'OverdueRunResult' },
);

export const overdueRunResultView = (outcome: OverdueRunOutcome) => ({ run: overdueRunView(outcome.run), changes: outcome.changes.map(changeView), rejected: outcome.rejected.map((r) => ({ ...r })) });

export const RunsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

