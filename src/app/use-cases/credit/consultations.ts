import { checkReconsult } from '../../../domain/credit/consult-guard';
import { rawToKeep, type CreditConsultation, type CreditIntegration } from '../../../domain/credit/credit';
import { parseDocument } from '../../../domain/customers/document';
import type { ConsultationFilter, CreditIntegrationRecord } from '../../../domain/credit/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import { PartnerError } from '../../../domain/ports/partner';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { creditConsultationData } from '../../../domain/webhooks/payloads';
import { withEvents } from '../webhooks/emit';
import { partnerFailure } from '../partners';
import { LimitRefusal, pacedCall } from '../deliveries/paced-calls';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Seed 000: while credit analysis is off, consults and negativations are not offered. */
export async function creditAnalysisOn(
  repos: Pick<Repositories, 'settings'>,
): Promise<Result<{ reconsultIntervalDays: number | null }>> {
  const { settings } = await repos.settings.get();
  return settings.creditAnalysis.enabled
    ? ok({ reconsultIntervalDays: settings.creditAnalysis.reconsultIntervalDays })
    : fail(
        'CREDIT_ANALYSIS_DISABLED',
        'Credit analysis is off: register an active credit-analysis integration (POST /v1/credit-integrations) first.',
      );
}

/** The integration a request names, active; `field` is where the request named it. */
export async function usableIntegration(
  repos: Pick<Repositories, 'credit'>,
  id: string,
  field: string,
): Promise<Result<CreditIntegrationRecord>> {
  const integration = await repos.credit.findIntegration(id);
  if (!integration)
    return fail('UNKNOWN_CREDIT_INTEGRATION', 'No credit-analysis integration has this id.', [
      { field, message: 'No credit-analysis integration has this id.' },
    ]);
  if (!integration.active)
    return fail('CREDIT_INTEGRATION_INACTIVE', 'The credit-analysis integration is not active.', [
      { field, message: 'Not active.' },
    ]);
  return ok(integration);
}

export const bureauNotSupported = (integration: CreditIntegration) =>
  fail(
    'CREDIT_BUREAU_NOT_SUPPORTED',
    `Ponte does not speak to ${integration.bureau} for consults and negativations yet: use a Serasa or SPC Brasil integration.`,
  );

export interface ConsultInput {
  readonly document: string;
  readonly integrationId: string;
  readonly purpose: string;
  readonly confirm?: boolean;
}

/**
 * A consult of a CPF/CNPJ at a bureau (seed 000). Consulting the same document again inside the
 * settings' interval needs `confirm: true` (the guard is the domain's). The bureau is called
 * outside any transaction; its answer is stored with who asked and why (LGPD), the raw answer for
 * the configured days only. A consult the bureau failed is stored too (it is not counted by the
 * guard) and answered as the partner failure it was.
 */
export function makeConsultCredit(deps: UseCaseDeps) {
  const { store, clock, ids } = deps;
  return async (input: ConsultInput, actor: string): Promise<Result<CreditConsultation>> => {
    const on = await creditAnalysisOn(store);
    if (!on.ok) return on;
    const document = parseDocument(input.document);
    if (!document.ok)
      return fail('INVALID_DOCUMENT', document.error.message, [{ field: 'document', message: document.error.message }]);
    const integration = await usableIntegration(store, input.integrationId, 'integrationId');
    if (!integration.ok) return integration;
    const bureau = deps.creditBureauFor(integration.value);
    if (!bureau) return bureauNotSupported(integration.value);
    const previous = await store.credit.lastCompletedConsult(document.value.value);
    const unconfirmed = checkReconsult({
      previous,
      intervalDays: on.value.reconsultIntervalDays,
      confirmed: false,
      now: clock.now(),
    });
    if (!unconfirmed.ok && input.confirm !== true) return unconfirmed;

    const base = {
      id: ids.next(),
      integrationId: integration.value.id,
      bureau: integration.value.bureau,
      document: document.value.value,
      documentType: document.value.type,
      purpose: input.purpose,
      actor,
      confirmed: !unconfirmed.ok,
    };
    try {
      const report = await pacedCall(deps, { key: integration.value.id, platform: integration.value.bureau }, () =>
        bureau.consult({ number: document.value.value, type: document.value.type }),
      );
      const at = clock.now();
      const keepsRaw = deps.creditRawRetentionDays > 0;
      // Kept with its event for frontends (docs/webhooks.md), which says that it was made, not what it found.
      const saved = await withEvents(deps, async (repos) => {
        const consultation = await repos.credit.saveConsultation({
          ...base,
          status: 'completed',
          name: report.name,
          registrationStatus: report.registrationStatus,
          score: report.score,
          restrictions: report.restrictions,
          raw: keepsRaw ? rawToKeep(report.raw) : null,
          rawExpiresAt: keepsRaw ? new Date(at.getTime() + deps.creditRawRetentionDays * DAY_MS) : null,
          error: null,
          consultedAt: at,
        });
        const told = {
          type: 'credit_consultation.completed' as const,
          resourceId: consultation.id,
          data: creditConsultationData(consultation),
        };
        return { result: consultation, events: [told], at };
      });
      return ok(saved);
    } catch (error) {
      if (!(error instanceof PartnerError)) throw error;
      // Not made (the bureau's limits): nothing was consulted, so nothing is kept.
      if (error instanceof LimitRefusal) return partnerFailure(error);
      const at = clock.now();
      if (error.kind === 'auth') await store.credit.recordAuthError(integration.value.id, error.message, at);
      await store.credit.saveConsultation({
        ...base,
        status: 'failed',
        name: null,
        registrationStatus: null,
        score: null,
        restrictions: [],
        raw: null,
        rawExpiresAt: null,
        error: error.message,
        consultedAt: at,
      });
      return partnerFailure(error);
    }
  };
}

export function makeGetCreditConsultation({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<CreditConsultation>> => {
    const found = await store.credit.findConsultation(id);
    return found ? ok(found) : fail('CREDIT_CONSULTATION_NOT_FOUND', 'Credit consult not found.');
  };
}

export function makeListCreditConsultations({ store }: UseCaseDeps) {
  return async (
    filter: { document?: string; from?: Date; to?: Date },
    page: PageRequest,
  ): Promise<Result<Page<CreditConsultation>>> => {
    let document: string | undefined;
    if (filter.document !== undefined) {
      const parsed = parseDocument(filter.document);
      if (!parsed.ok)
        return fail('INVALID_DOCUMENT', parsed.error.message, [{ field: 'document', message: parsed.error.message }]);
      document = parsed.value.value;
    }
    const query: ConsultationFilter = {
      ...(document ? { document } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
    };
    return ok(await store.credit.listConsultations(query, page));
  };
}

/** Drops the raw bureau answers whose retention ended (a maintenance task); answers how many. */
export function makePurgeRawCreditAnswers({ store, clock }: UseCaseDeps) {
  return () => store.credit.purgeRawAnswers(clock.now());
}
