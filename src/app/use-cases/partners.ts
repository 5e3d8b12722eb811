import { PartnerError } from '../../domain/ports/partner';
import { type Result, fail, ok } from '../../domain/shared/result';
import type { UseCaseDeps } from './deps';

/* What every area's use cases do with partners: answer a failed call, check a URL before it is saved. */

/** A partner failure met while serving a request, as a business answer (502). */
export function partnerFailure(error: unknown): Result<never> {
  if (!(error instanceof PartnerError)) throw error;
  const code =
    error.kind === 'auth'
      ? 'PARTNER_AUTH_FAILED'
      : error.kind === 'rejected'
        ? 'PARTNER_REJECTED'
        : 'PARTNER_UNAVAILABLE';
  return fail(code, error.message);
}

/** The URL an integration will call, unless it may not be a partner's. */
export async function checkUrl(deps: UseCaseDeps, url: string | undefined): Promise<Result<void>> {
  const problem = url === undefined ? null : await deps.partnerUrlProblem(url);
  return problem ? fail('PARTNER_URL_NOT_ALLOWED', problem, [{ field: 'url', message: problem }]) : ok(undefined);
}
