import type { Page, PageRequest } from '../ports/page';
import type {
  DesiredMvnoLine,
  DesiredSipLine,
  DesiredStfcService,
  DesiredSvaUser,
  Finding,
  FindingCounts,
  ReconciledTargetKind,
  RunMode,
  RunStatus,
} from './reconciliation';

/* What the reconciliation area needs from storage: runs, their findings, and Ponte's side of each target. */

export interface ReconciliationRun {
  readonly id: string;
  readonly mode: RunMode;
  readonly targetKind: ReconciledTargetKind | null;
  readonly integrationId: string | null;
  readonly removeExtra: boolean;
  readonly trigger: 'api' | 'schedule';
  readonly actor: string;
  readonly status: RunStatus;
  readonly progress: RunProgress;
  readonly counts: RunCounts;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

export interface RunProgress {
  /** The integrations (SVA integrations, `telecall`) the run reads, and how many it has finished. */
  readonly integrations: number;
  readonly integrationsDone: number;
  /** Targets of Ponte compared, and subscriptions the platforms showed. */
  readonly compared: number;
  readonly platformSubscriptions: number;
  /** Calls made to the platforms to read them. */
  readonly platformCalls: number;
}

export interface RunCounts {
  readonly findings: number;
  /** By target kind, then kind of finding. */
  readonly byKind: FindingCounts;
  /** Repair runs: the findings whose effects were queued, and those left alone (changed meanwhile, or extras kept). */
  readonly repaired: number;
  readonly skipped: number;
}

export const EMPTY_PROGRESS: RunProgress = {
  integrations: 0,
  integrationsDone: 0,
  compared: 0,
  platformSubscriptions: 0,
  platformCalls: 0,
};
export const EMPTY_COUNTS: RunCounts = { findings: 0, byKind: {}, repaired: 0, skipped: 0 };

/** What a repair did for a finding: the deliveries it queued, or why it left it. */
export type FindingOutcome =
  | { readonly status: 'queued'; readonly deliveryIds: readonly string[]; readonly historyId: string | null }
  | { readonly status: 'skipped'; readonly reason: string };

export interface StoredFinding extends Finding {
  readonly id: string;
  readonly runId: string;
  readonly integrationId: string;
  readonly platform: string;
  readonly outcome: FindingOutcome | null;
}

export interface NewRun {
  readonly id: string;
  readonly mode: RunMode;
  readonly targetKind: ReconciledTargetKind | null;
  readonly integrationId: string | null;
  readonly removeExtra: boolean;
  readonly trigger: 'api' | 'schedule';
  /** The provider's day a scheduled plan is for (one a day). */
  readonly scheduledFor: string | null;
  readonly actor: string;
  readonly createdAt: Date;
}

export interface ReconciliationRepository {
  /** False when a scheduled run for that day exists already. */
  create(run: NewRun): Promise<boolean>;
  findById(id: string): Promise<ReconciliationRun | null>;
  list(page: PageRequest): Promise<Page<ReconciliationRun>>;
  /**
   * Takes the oldest queued run, or a running one whose holder stopped renewing its lease, for
   * `holder` until `leaseUntil`; a run taken again starts over (its findings are forgotten).
   */
  claim(holder: string, now: Date, leaseUntil: Date): Promise<ReconciliationRun | null>;
  /** Keeps the run's lease and shows its progress; false when another holder has it now. */
  renew(id: string, holder: string, progress: RunProgress, leaseUntil: Date): Promise<boolean>;
  addFindings(
    runId: string,
    findings: readonly (Finding & { readonly id: string; readonly integrationId: string; readonly platform: string })[],
  ): Promise<void>;
  listFindings(
    runId: string,
    filter: { readonly kind?: string; readonly targetKind?: string },
    page: PageRequest,
  ): Promise<Page<StoredFinding>>;
  /** The run's findings after `afterSeq`, oldest first, for its repair. */
  findingsToRepair(
    runId: string,
    afterSeq: bigint,
    limit: number,
  ): Promise<readonly (StoredFinding & { readonly seq: bigint })[]>;
  setOutcome(findingId: string, outcome: FindingOutcome): Promise<void>;
  finish(
    id: string,
    holder: string,
    result: {
      readonly status: 'finished' | 'failed';
      readonly progress: RunProgress;
      readonly counts: RunCounts;
      readonly error: string | null;
      readonly at: Date;
    },
  ): Promise<boolean>;
  /** The counts of the newest finished run (for the metrics). */
  latestFinished(): Promise<ReconciliationRun | null>;

  /** Writes a `reconcile` line in the contract's history (its state before and after: as it is). */
  recordHistory(line: {
    readonly id: string;
    readonly contractId: string;
    readonly reason: string;
    readonly actor: string;
    readonly at: Date;
  }): Promise<void>;
  /** Ponte's SVA users of an integration, a page at a time by id, with their contract's status. */
  desiredSvaUsers(integrationId: string, afterId: string | null, limit: number): Promise<readonly DesiredSvaUser[]>;
  /** The live STFC services of a Summit integration, a page at a time by id, with their contract's status and billing day. */
  desiredStfcServices(
    integrationId: string,
    afterId: string | null,
    limit: number,
  ): Promise<readonly DesiredStfcService[]>;
  /** Of these contracts, those with a live STFC service (of any Summit integration). */
  contractsWithStfcService(contractIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Ponte's SIP lines, a page at a time by id, with their contract's status. */
  desiredSipLines(afterId: string | null, limit: number): Promise<readonly DesiredSipLine[]>;
  /** Ponte's TeleCall lines, a page at a time by id, with their contract's status. */
  desiredMvnoLines(afterId: string | null, limit: number): Promise<readonly DesiredMvnoLine[]>;
  /**
   * Of these targets, those with a delivery pending (waiting or in flight), or finished since
   * `since`: a platform read before it finished may show the state before it.
   */
  busyTargets(kind: ReconciledTargetKind, ids: readonly string[], since: Date): Promise<ReadonlySet<string>>;
}
