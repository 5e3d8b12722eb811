import type { SvaPlatform } from '../../../domain/sva/ports';
import type { PartnerHttp } from '../partner-http';
import { createSvaRestPlatform } from '../sva-rest-platform';

/**
 * Saber+ (Click Sistemas). No public API: the contract is ours (docs/partners.md). Token-only auth
 * without expiry; the user name is the CPF, one package each, and each user is addressed by Ponte's
 * reference (one CPF may hold several subscriptions, one per contract). Errors may come as 200 with
 * `{ "erro": true, "mensagem": … }`, which is a rejection.
 */
export function createSaberPlusPlatform({
  baseUrl,
  token,
  http,
}: {
  baseUrl: string;
  token: string;
  http: PartnerHttp;
}): SvaPlatform {
  return createSvaRestPlatform(http, {
    name: 'Saber+',
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${token}` },
    endVerb: 'deactivate',
    createBody: (user) => ({
      cpf: user.document,
      name: user.name,
      mobilePhone: user.mobilePhone,
      packageCode: user.packageCode,
      reference: user.reference,
      ...(user.password !== null ? { password: user.password } : {}),
    }),
    isErrorBody: (body) => (body as { erro?: unknown } | null)?.erro === true,
  });
}
