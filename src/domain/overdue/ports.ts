import type { Page, PageRequest } from '../ports/page';
import type { OverdueNotice, RecordedOverdueNotice } from './overdue-notice';
import type { OverdueCandidate, OverduePolicy } from './overdue-policy';

/* What the overdue policy needs from storage: its runs and candidates. */

export interface OverdueRun {
  readonly id: string;
  readonly asOf: string;
  readonly trigger: 'schedule' | 'api';
  readonly actor: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly policy: OverduePolicy;
  readonly latePaymentsReported: number;
  readonly blocked: number;
  readonly cancelled: number;
  /** Contracts whose decided event the lifecycle refused (they changed since they were read). */
  readonly rejected: number;
}

/** A candidate with what its notice needs: who is told, and what is due of its oldest overdue charge. */
export interface OverdueCandidateFacts extends OverdueCandidate {
  readonly customer: { readonly name: string; readonly mobilePhone: string | null };
  readonly debt: { readonly dueCents: number; readonly competence: string };
}

export interface OverdueRepository {
  /**
   * Active contracts with an overdue charge on `today`, each with its oldest one. With `lock`, the
   * contracts stay locked until the transaction ends, so the run decides on what it will change.
   */
  candidates(today: string, lock: boolean, timeZone: string): Promise<readonly OverdueCandidateFacts[]>;
  /** Keeps a notice of a contract's overdue debt sent by another channel than Opa! Suite. */
  recordNotice(notice: RecordedOverdueNotice): Promise<RecordedOverdueNotice>;
  /** Every notice of the contract's debts, recorded or sent through Opa! Suite, newest first. */
  listNotices(contractId: string): Promise<readonly OverdueNotice[]>;
  /** Takes the run's lock for this transaction; false when another process is running it now. */
  tryLockRun(): Promise<boolean>;
  saveRun(run: OverdueRun): Promise<OverdueRun>;
  listRuns(page: PageRequest): Promise<Page<OverdueRun>>;
  /** The run that finished last; null before the first. */
  lastRun(): Promise<OverdueRun | null>;
}
