import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboxEffect } from '../../../domain/deliveries/delivery';
import { mvnoLineEffect, type MvnoLineAction } from '../../../domain/mvno/mvno-line';
import type { TelecallLine } from '../../../domain/mvno/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import {
  EMPTY_COUNTS,
  EMPTY_PROGRESS,
  type FindingOutcome,
  type ReconciliationRun,
  type RunCounts,
  type RunProgress,
  type StoredFinding,
} from '../../../domain/reconciliation/ports';
import {
  compareMvnoLine,
  compareSipLine,
  compareStfcService,
  compareSvaUser,
  countFindings,
  desiredOfMvnoLine,
  desiredOfSipLine,
  desiredOfStfcService,
  desiredOfSvaUser,
  PLATFORM_TARGET_KINDS,
  RECONCILIATION_ACTOR,
  repairsIn,
  unknownFinding,
  type DesiredMvnoLine,
  type DesiredSipLine,
  type DesiredStfcService,
  type DesiredSvaUser,
  type Finding,
  type ReconciledTargetKind,
} from '../../../domain/reconciliation/reconciliation';
import type { PlatformUser } from '../../../domain/sva/ports';
import { svaUserEffect, type SvaAction } from '../../../domain/sva/sva';
import { sipLineEffect, type SipLineAction } from '../../../domain/voip/sip-line';
import type { SoftswitchLine } from '../../../domain/voip/ports';
import { stfcServiceEffect, type StfcAction } from '../../../domain/stfc/stfc';
import type { SummitLine } from '../../../domain/stfc/summit';
import { pacedCall } from '../deliveries/paced-calls';
import { PartnerError } from '../../../domain/ports/partner';
import type { UseCaseDeps } from '../deps';
import { recordEvents } from '../webhooks/emit';
import { extraSubscriptionEffect } from './extra-subscriptions';

/*
 * Runs reconciliations (docs/reconciliation.md), one at a time per process, taken from PostgreSQL
 * so that every process may run them and a run whose process died is taken again. For each
 * integration: read every subscription the platform holds (in pages, within its limits), then
 * Ponte's targets of it (in pages), compare, keep the findings; a repair run then queues, target by
 * target, the effects that bring the platform to Ponte's state.
 */

/** Subscriptions asked for in one call to a platform (the sandbox's and our contract's maximum). */
export const PLATFORM_PAGE = 1_000;
/** Ponte's targets read, compared and stored at a time. */
const DESIRED_PAGE = 1_000;
/** How long a run counts as alive without news from its process. */
const LEASE_MS = 60_000;
/** Tries of a page that failed before the platform's targets are reported unknown. */
const READ_TRIES = 3;
/** Findings repaired at a time (each in its own transaction). */
const REPAIR_PAGE = 200;

/** One platform the run reads: an SVA or Summit integration, TeleCall, or the softswitch. */
interface Source<A, D extends Target> {
  readonly kind: ReconciledTargetKind;
  /** The integration's key: the SVA or Summit integration's id, `telecall` or `voip`. */
  readonly integrationId: string;
  readonly platform: string;
  /** A page of what the platform holds (null when it has no client). */
  readonly read: ((cursor: string | null) => Promise<{ items: readonly A[]; next: string | null }>) | null;
  referenceOf(item: A): string;
  compare(reference: string, desired: D | null, actual: A | null): Finding | null;
  desiredPage(repos: Repositories, afterId: string | null): Promise<readonly D[]>;
  desiredView(desired: D): Readonly<Record<string, unknown>>;
  /** The reference the platform knows a target of Ponte's by: its id, unless the platform keys it otherwise (Summit: the contract). */
  referenceOfDesired?(desired: D): string;
  /** Of what the platform holds and this source's targets lack, what Ponte has elsewhere (another integration): not extra. */
  heldElsewhere?(references: readonly string[]): Promise<ReadonlySet<string>>;
}

interface Target {
  readonly id: string;
  readonly contractId: string;
}

/** Sources of every kind in one list: each is only ever handed its own items. */
type AnySource = Source<unknown, Target>;
const anySource = <A, D extends Target>(source: Source<A, D>) => source as unknown as AnySource;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Runner = ReturnType<typeof makeReconciliationRunner>;

export function makeReconciliationRunner(deps: UseCaseDeps, holder: string) {
  const { store, clock, ids } = deps;

  /** A platform call within its integration's limits: waits its turn (and a pause the partner asked for) rather than fail. */
  async function paced<T>(key: string, platform: string, call: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await pacedCall(deps, { key, platform }, call);
      } catch (error) {
        // A refusal for the limits (Ponte's own or the partner's 429) is a wait, not a failure.
        if (!(error instanceof PartnerError) || !error.throttled) throw error;
        await sleep(error.retryAfterMs ?? 1_000);
      }
    }
  }

  /**
   * The integrations of one kind a run reads, with their credentials: the one it names (when it
   * names one of this kind), or every one, page by page.
   */
  async function* integrationsOf<R extends { readonly id: string }>(
    run: ReconciliationRun,
    find: (id: string) => Promise<R | null>,
    list: (page: PageRequest) => Promise<Page<{ readonly id: string }>>,
  ): AsyncGenerator<R> {
    if (run.integrationId !== null) {
      const named = PLATFORM_TARGET_KINDS.has(run.integrationId) ? null : await find(run.integrationId);
      if (named) yield named;
      return;
    }
    let after: string | null = null;
    do {
      const page = await list({ limit: 100, ...(after !== null ? { after } : {}) });
      for (const { id } of page.items) {
        const record = await find(id);
        if (record) yield record;
      }
      after = page.last;
    } while (after !== null);
  }

  async function sources(run: ReconciliationRun): Promise<AnySource[]> {
    const found: AnySource[] = [];
    const wants = (kind: ReconciledTargetKind) => run.targetKind === null || run.targetKind === kind;
    /** Whether the run reads the platform Ponte has one of that holds this kind (TeleCall, the softswitch). */
    const readsPlatform = (kind: ReconciledTargetKind) =>
      wants(kind) && (run.integrationId === null || PLATFORM_TARGET_KINDS.get(run.integrationId) === kind);
    if (wants('sva_user')) {
      const svaIntegrations = integrationsOf(
        run,
        (id) => store.svaIntegrations.findById(id),
        (page) => store.svaIntegrations.list({}, page),
      );
      for await (const integration of svaIntegrations) {
        const client = deps.svaPlatformFor(integration);
        found.push(
          anySource<PlatformUser, DesiredSvaUser>({
            kind: 'sva_user',
            integrationId: integration.id,
            platform: integration.platform,
            read: async (cursor) => {
              const page = await paced(integration.id, integration.platform, () =>
                client.listUsers({ cursor, limit: PLATFORM_PAGE }),
              );
              return { items: page.users, next: page.next };
            },
            referenceOf: (user) => user.reference,
            compare: compareSvaUser,
            desiredPage: (repos, afterId) =>
              repos.reconciliation.desiredSvaUsers(integration.id, afterId, DESIRED_PAGE),
            desiredView: desiredOfSvaUser,
          }),
        );
      }
    }
    if (wants('stfc_service')) {
      const summitIntegrations = integrationsOf(
        run,
        (id) => store.stfc.findIntegration(id),
        (page) => store.stfc.listIntegrations(page),
      );
      for await (const integration of summitIntegrations) {
        const summit = deps.summitFor(integration);
        found.push(
          anySource<SummitLine, DesiredStfcService>({
            kind: 'stfc_service',
            integrationId: integration.id,
            platform: 'summit',
            read: async (cursor) => {
              const lines = await paced(integration.id, 'summit', () =>
                summit.listLines({ cursor, limit: PLATFORM_PAGE }),
              );
              return { items: lines.lines, next: lines.next };
            },
            referenceOf: (line) => line.contractRef,
            referenceOfDesired: (service) => service.contractId,
            heldElsewhere: (references) => store.reconciliation.contractsWithStfcService(references),
            compare: compareStfcService,
            desiredPage: (repos, afterId) =>
              repos.reconciliation.desiredStfcServices(integration.id, afterId, DESIRED_PAGE),
            desiredView: desiredOfStfcService,
          }),
        );
      }
    }
    if (readsPlatform('sip_line')) {
      const softswitch = deps.voipPlatform();
      found.push(
        anySource<SoftswitchLine, DesiredSipLine>({
          kind: 'sip_line',
          integrationId: 'voip',
          platform: 'voip',
          read: softswitch
            ? async (cursor) => {
                const page = await paced('voip', 'voip', () => softswitch.listLines({ cursor, limit: PLATFORM_PAGE }));
                return { items: page.lines, next: page.next };
              }
            : null,
          referenceOf: (line) => line.reference,
          compare: compareSipLine,
          desiredPage: (repos, afterId) => repos.reconciliation.desiredSipLines(afterId, DESIRED_PAGE),
          desiredView: desiredOfSipLine,
        }),
      );
    }
    if (readsPlatform('mvno_line')) {
      const telecall = deps.telecallPlatform();
      found.push(
        anySource<TelecallLine, DesiredMvnoLine>({
          kind: 'mvno_line',
          integrationId: 'telecall',
          platform: 'telecall',
          read: telecall
            ? async (cursor) => {
                const page = await paced('telecall', 'telecall', () =>
                  telecall.listLines({ cursor, limit: PLATFORM_PAGE }),
                );
                return { items: page.lines, next: page.next };
              }
            : null,
          referenceOf: (line) => line.reference,
          compare: compareMvnoLine,
          desiredPage: (repos, afterId) => repos.reconciliation.desiredMvnoLines(afterId, DESIRED_PAGE),
          desiredView: desiredOfMvnoLine,
        }),
      );
    }
    return found;
  }

  /** Everything the platform holds, by reference; or why it could not be read. */
  async function readAll(source: AnySource, progress: { platformCalls: number }) {
    if (!source.read) return { error: `${source.platform} is not configured.`, held: new Map<string, unknown>() };
    const held = new Map<string, unknown>();
    let cursor: string | null = null;
    do {
      let tries = 0;
      for (;;) {
        try {
          progress.platformCalls += 1;
          const page = await source.read(cursor);
          for (const item of page.items) held.set(source.referenceOf(item), item);
          cursor = page.next;
          break;
        } catch (error) {
          if ((tries += 1) >= READ_TRIES)
            return { error: error instanceof Error ? error.message : String(error), held };
          await sleep(250 * tries);
        }
      }
    } while (cursor !== null);
    return { error: null, held };
  }

  async function reconcile(run: ReconciliationRun) {
    const progress: { -readonly [K in keyof RunProgress]: RunProgress[K] } = { ...EMPTY_PROGRESS };
    let byKind = {};
    let total = 0;
    const keep = async () => {
      if (!(await store.reconciliation.renew(run.id, holder, progress, new Date(clock.now().getTime() + LEASE_MS))))
        throw new LostRun();
    };
    const list = await sources(run);
    progress.integrations = list.length;
    await keep();
    for (const source of list) {
      const readFrom = clock.now();
      const { error, held } = await readAll(source, progress);
      progress.platformSubscriptions += held.size;
      await keep();
      const store_ = async (findings: readonly Finding[]) => {
        // Not drift while a delivery for the target is on its way or finished after the read began.
        const busy = await store.reconciliation.busyTargets(
          source.kind,
          findings.flatMap((f) => (f.targetId ? [f.targetId] : UUID.test(f.reference) ? [f.reference] : [])),
          readFrom,
        );
        const kept = findings.filter((f) => !busy.has(f.targetId ?? f.reference));
        await store.reconciliation.addFindings(
          run.id,
          kept.map((f) => ({ ...f, id: ids.next(), integrationId: source.integrationId, platform: source.platform })),
        );
        byKind = countFindings(kept, byKind);
        total += kept.length;
      };
      let after: string | null = null;
      for (;;) {
        const page = await source.desiredPage(store, after);
        if (page.length === 0) break;
        const findings: Finding[] = [];
        for (const desired of page) {
          const reference = source.referenceOfDesired?.(desired) ?? desired.id;
          const finding =
            error !== null
              ? unknownFinding(source.kind, reference, desired, source.desiredView(desired), error)
              : source.compare(reference, desired, held.get(reference) ?? null);
          held.delete(reference);
          if (finding) findings.push(finding);
        }
        progress.compared += page.length;
        await store_(findings);
        await keep();
        after = page[page.length - 1]!.id;
      }
      // What is left the platform holds and Ponte has not: extras.
      if (error === null) {
        const elsewhere = source.heldElsewhere ? await source.heldElsewhere([...held.keys()]) : new Set<string>();
        const extras = [...held.entries()].flatMap(([reference, actual]) => {
          if (elsewhere.has(reference)) return [];
          const finding = source.compare(reference, null, actual);
          return finding ? [finding] : [];
        });
        for (let i = 0; i < extras.length; i += DESIRED_PAGE) await store_(extras.slice(i, i + DESIRED_PAGE));
      }
      progress.integrationsDone += 1;
      await keep();
    }
    const repaired = run.mode === 'repair' ? await repairAll(run, keep) : { repaired: 0, skipped: 0 };
    return { progress, counts: { findings: total, byKind, ...repaired } satisfies RunCounts };
  }

  async function repairAll(run: ReconciliationRun, keep: () => Promise<void>) {
    let [repaired, skipped] = [0, 0];
    let after = 0n;
    for (;;) {
      const page = await store.reconciliation.findingsToRepair(run.id, after, REPAIR_PAGE);
      if (page.length === 0) break;
      for (const finding of page) {
        const outcome = repairsIn(finding, run.removeExtra) ? await repairOne(run, finding) : null;
        if (outcome?.status === 'queued') repaired += 1;
        else if (outcome) skipped += 1;
        else if (finding.kind === 'extra' && finding.repair.actions.length > 0) {
          skipped += 1;
          await store.reconciliation.setOutcome(finding.id, {
            status: 'skipped',
            reason: 'An extra subscription is only reported: repair with removeExtra: true to remove it.',
          });
        }
      }
      after = page[page.length - 1]!.seq;
      await keep();
    }
    if (repaired > 0) deps.effectsQueued();
    return { repaired, skipped };
  }

  /** Queues one finding's repair, in one transaction with its history line, if Ponte's side is still what was compared. */
  async function repairOne(run: ReconciliationRun, finding: StoredFinding): Promise<FindingOutcome> {
    const now = clock.now();
    const outcome = await store.transaction(async (repos): Promise<FindingOutcome> => {
      const cause = `reconciliation:${run.id}:${finding.id}`;
      let effects: OutboxEffect[] = [];
      if (finding.targetId === null) {
        effects = finding.repair.actions.map((action) =>
          extraSubscriptionEffect(finding.id, {
            kind: finding.targetKind,
            integrationId: finding.integrationId,
            platform: finding.platform,
            reference: finding.reference,
            msisdn: typeof finding.actual?.msisdn === 'string' ? finding.actual.msisdn : null,
            action,
          }),
        );
      } else {
        if (finding.contractId) await repos.contracts.lockById(finding.contractId);
        const busy = await repos.reconciliation.busyTargets(finding.targetKind, [finding.targetId], now);
        if (busy.size > 0)
          return { status: 'skipped', reason: 'A delivery for it is on its way: it follows Ponte already.' };
        if (finding.targetKind === 'sva_user') {
          const user = await repos.svaUsers.findById(finding.targetId);
          const contract = user ? await repos.contracts.findById(user.contractId) : null;
          if (
            !user ||
            !contract ||
            !sameDesired(desiredOfSvaUser({ ...user, contractStatus: contract.status }), finding.desired)
          )
            return CHANGED;
          effects = finding.repair.actions.map((action) =>
            svaUserEffect(
              action as SvaAction,
              user,
              action === 'create_user' || action === 'update_user' ? user.sealedPassword : undefined,
            ),
          );
        } else if (finding.targetKind === 'stfc_service') {
          const service = await repos.stfc.findService(finding.targetId);
          const contract = service ? await repos.contracts.findById(service.contractId) : null;
          if (
            !service ||
            !contract ||
            service.deletedAt !== null ||
            contract.billingDay === null ||
            !sameDesired(
              desiredOfStfcService({ ...service, contractStatus: contract.status, closingDay: contract.billingDay }),
              finding.desired,
            )
          )
            return CHANGED;
          effects = finding.repair.actions.map((action) =>
            stfcServiceEffect(action as StfcAction, service, contract.billingDay!),
          );
        } else if (finding.targetKind === 'sip_line') {
          const line = await repos.sipLines.findById(finding.targetId);
          const contract = line ? await repos.contracts.findById(line.contractId) : null;
          if (
            !line ||
            !contract ||
            !sameDesired(desiredOfSipLine({ ...line, contractStatus: contract.status }), finding.desired)
          )
            return CHANGED;
          effects = finding.repair.actions.map((action) =>
            sipLineEffect(action as SipLineAction, line, action === 'create_line' ? line.sealedPassword : undefined),
          );
        } else {
          const line = await repos.mvnoLines.findById(finding.targetId);
          const contract = line ? await repos.contracts.findById(line.contractId) : null;
          if (
            !line ||
            !contract ||
            !sameDesired(desiredOfMvnoLine({ ...line, contractStatus: contract.status }), finding.desired)
          )
            return CHANGED;
          effects = finding.repair.actions.map((action) => mvnoLineEffect(action as MvnoLineAction, line));
        }
      }
      const deliveryIds = effects.map(() => ids.next());
      await repos.outbox.enqueue(
        effects.map((effect, i) => ({ id: deliveryIds[i]!, cause, effect })),
        now,
      );
      let historyId: string | null = null;
      if (finding.contractId) {
        historyId = ids.next();
        await repos.reconciliation.recordHistory({
          id: historyId,
          contractId: finding.contractId,
          reason: repairReason(run, finding),
          actor: RECONCILIATION_ACTOR,
          at: now,
        });
      }
      const queued: FindingOutcome = { status: 'queued', deliveryIds, historyId };
      await repos.reconciliation.setOutcome(finding.id, queued);
      return queued;
    });
    if (outcome.status === 'skipped') await store.reconciliation.setOutcome(finding.id, outcome);
    return outcome;
  }

  /** Takes a run that is waiting (or whose process died) and runs it to its end; false when there was none. */
  async function runOnce(): Promise<boolean> {
    const now = clock.now();
    const run = await store.reconciliation.claim(holder, now, new Date(now.getTime() + LEASE_MS));
    if (!run) return false;
    try {
      const { progress, counts } = await reconcile(run);
      await store.transaction(async (repos) => {
        const at = clock.now();
        if (
          !(await repos.reconciliation.finish(run.id, holder, {
            status: 'finished',
            progress,
            counts,
            error: null,
            at,
          }))
        )
          return;
        if (counts.findings > 0)
          await recordEvents(
            repos,
            deps,
            [{ type: 'reconciliation.drift_found', resourceId: run.id, data: driftFoundData(run, counts, at) }],
            at,
          );
      });
      if (counts.findings > 0) deps.effectsQueued();
    } catch (error) {
      if (error instanceof LostRun) return true;
      await store.reconciliation.finish(run.id, holder, {
        status: 'failed',
        progress: run.progress,
        counts: EMPTY_COUNTS,
        error: error instanceof Error ? error.message : String(error),
        at: clock.now(),
      });
    }
    return true;
  }

  return { runOnce };
}

const CHANGED: FindingOutcome = { status: 'skipped', reason: 'It changed in Ponte since it was compared: plan again.' };

/** The run's lease went to another process (this one was too slow to renew it): it stops here. */
class LostRun extends Error {}

const sameDesired = (now: Readonly<Record<string, unknown>>, then: Readonly<Record<string, unknown>> | null) =>
  then !== null && Object.entries(now).every(([key, value]) => then[key] === value);

const repairReason = (run: ReconciliationRun, finding: StoredFinding) =>
  `Reconciliation ${run.id}: ${finding.kind} on ${finding.platform} (${finding.targetKind} ${finding.reference}); ` +
  `queued ${finding.repair.actions.join(', ')} to bring the platform to Ponte's state.`;

export const driftFoundData = (run: ReconciliationRun, counts: RunCounts, finishedAt: Date) => ({
  reconciliation: {
    id: run.id,
    mode: run.mode,
    trigger: run.trigger,
    targetKind: run.targetKind,
    integrationId: run.integrationId,
    findings: counts.findings,
    byKind: counts.byKind,
    repaired: counts.repaired,
    finishedAt: finishedAt.toISOString(),
  },
});
