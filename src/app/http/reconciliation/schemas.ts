import { Type } from 'typebox';
import type { Page } from '../../../domain/ports/page';
import type { ReconciliationRun, StoredFinding } from '../../../domain/reconciliation/ports';
import {
  FINDING_KINDS,
  RECONCILED_TARGET_KINDS,
  RUN_MODES,
  RUN_STATUSES,
} from '../../../domain/reconciliation/reconciliation';
import { Id, Nullable, pageOf, PageQuery, StringEnum, Text, Timestamp } from '../common';
import { pageView } from '../pagination';

const TargetKind = StringEnum(RECONCILED_TARGET_KINDS, {
  description:
    'sva_user: Saber+ and EXA users; mvno_line: TeleCall lines; sip_line: SIP lines on the softswitch; stfc_service: STFC lines on Summit.',
});
const FindingKind = StringEnum(FINDING_KINDS, {
  description:
    'missing: Ponte has it, the platform does not. extra: the platform holds one under a reference Ponte does not have, or of a cancelled contract. status: the states differ. attribute: package, phone, plan or SIM differ. unknown: the platform did not answer for it.',
});

export const StartReconciliationBody = Type.Object(
  {
    mode: StringEnum(RUN_MODES, {
      description:
        'plan: find and list, change nothing. repair: also queue, through the outbox, the effects that bring each platform to Ponte’s state.',
    }),
    targetKind: Type.Optional(TargetKind),
    integrationId: Type.Optional(
      Text({
        maxLength: 36,
        description:
          'Only this SVA or Summit integration (its id), `telecall` or `voip` (the softswitch). Left out: every one.',
      }),
    ),
    removeExtra: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'repair: also remove (or end) extra subscriptions. Left out: extras are only reported.',
      }),
    ),
  },
  { title: 'StartReconciliationRequest', additionalProperties: false },
);

const Counts = Type.Object(
  {
    findings: Type.Integer(),
    byKind: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
      description: 'Findings by target kind, then kind of finding.',
    }),
    repaired: Type.Integer({ description: 'Findings whose repair was queued.' }),
    skipped: Type.Integer({
      description: 'Findings a repair left alone: changed in Ponte meanwhile, a delivery on its way, or extras kept.',
    }),
  },
  { title: 'ReconciliationCounts' },
);

const Progress = Type.Object(
  {
    integrations: Type.Integer({ description: 'Platforms (SVA integrations, TeleCall) the run reads.' }),
    integrationsDone: Type.Integer(),
    compared: Type.Integer({ description: 'Ponte’s targets compared so far.' }),
    platformSubscriptions: Type.Integer({ description: 'Subscriptions the platforms showed.' }),
    platformCalls: Type.Integer({ description: 'Calls made to read them (pages), within each integration’s limits.' }),
  },
  { title: 'ReconciliationProgress' },
);

export const FindingView = Type.Object(
  {
    id: Id,
    kind: FindingKind,
    targetKind: TargetKind,
    targetId: Type.Union([Id, Type.Null()], {
      description: 'Ponte’s resource (the SVA user, the line); null for a subscription Ponte does not have.',
    }),
    reference: Type.String({ description: 'The id Ponte sends the platform for the subscription.' }),
    contractId: Nullable(Id),
    integrationId: Type.String({ description: 'The SVA or Summit integration’s id, `telecall` or `voip`.' }),
    platform: Type.String(),
    desired: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'Ponte’s side.' }),
    actual: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
      description: 'The platform’s side (or, for unknown, the error it answered).',
    }),
    repair: Type.Object(
      {
        actions: Type.Array(Type.String(), {
          description: 'The effects a repair queues on the target, in order (create_user, block_user, cancel_line…).',
        }),
        reason: Type.Optional(Type.String({ description: 'Why a repair does nothing for it.' })),
      },
      { description: 'What a repair does. Extras are repaired only with removeExtra.' },
    ),
    outcome: Type.Union(
      [
        Type.Object({
          status: Type.String({ description: 'queued or skipped.' }),
          deliveryIds: Type.Optional(Type.Array(Id)),
          historyId: Type.Optional(
            Type.Union([Id, Type.Null()], { description: 'The contract history line that says why.' }),
          ),
          reason: Type.Optional(Type.String()),
        }),
        Type.Null(),
      ],
      { description: 'What the repair run did for it; null in a plan.' },
    ),
  },
  { title: 'ReconciliationFinding' },
);

export const FindingsQuery = Type.Object(
  { ...PageQuery, kind: Type.Optional(FindingKind), targetKind: Type.Optional(TargetKind) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

const FindingPage = pageOf(FindingView);

const runFields = {
  id: Id,
  mode: StringEnum(RUN_MODES),
  targetKind: Nullable(TargetKind),
  integrationId: Nullable(Type.String()),
  removeExtra: Type.Boolean(),
  trigger: Type.String({ description: 'api, or schedule (the nightly plan).' }),
  actor: Type.String(),
  status: StringEnum(RUN_STATUSES, { description: 'queued, running, finished or failed (with error).' }),
  progress: Progress,
  counts: Counts,
  error: Nullable(Type.String()),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
};

export const RunView = Type.Object(runFields, { title: 'Reconciliation' });

export const RunWithFindingsView = Type.Object(
  { ...runFields, findings: FindingPage },
  { title: 'ReconciliationWithFindings' },
);

export const runView = (run: ReconciliationRun) => ({
  ...run,
  progress: { ...run.progress },
  counts: { ...run.counts, byKind: { ...run.counts.byKind } },
  createdAt: run.createdAt.toISOString(),
  startedAt: run.startedAt?.toISOString() ?? null,
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

export const findingView = (finding: StoredFinding) => ({
  id: finding.id,
  kind: finding.kind,
  targetKind: finding.targetKind,
  targetId: finding.targetId,
  reference: finding.reference,
  contractId: finding.contractId,
  integrationId: finding.integrationId,
  platform: finding.platform,
  desired: finding.desired,
  actual: finding.actual,
  repair: { ...finding.repair, actions: [...finding.repair.actions] },
  outcome:
    finding.outcome?.status === 'queued'
      ? { ...finding.outcome, deliveryIds: [...finding.outcome.deliveryIds] }
      : finding.outcome,
});

export const runWithFindingsView = ({ run, findings }: { run: ReconciliationRun; findings: Page<StoredFinding> }) => ({
  ...runView(run),
  findings: pageView(findings, findingView),
});
