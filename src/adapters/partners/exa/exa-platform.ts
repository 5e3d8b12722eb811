import type { SvaPlatform } from '../../../domain/sva/ports';
import type { PartnerHttp } from '../partner-http';
import { createSvaRestPlatform } from '../sva-rest-platform';

/**
 * EXA (digital security). No public API: the contract is ours (docs/partners.md). The integration's
 * URL is the base; its prefix identifies the provider on every call. The user name is the e-mail,
 * unique per tenant; each user is addressed by Ponte's reference.
 */
export function createExaPlatform({
  baseUrl,
  prefix,
  http,
}: {
  baseUrl: string;
  prefix: string;
  http: PartnerHttp;
}): SvaPlatform {
  return createSvaRestPlatform(http, {
    name: 'EXA',
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { 'x-exa-prefix': prefix },
    endVerb: 'cancel',
    createBody: (user) => ({
      email: user.username,
      document: user.document,
      mobilePhone: user.mobilePhone,
      name: user.name,
      packageCode: user.packageCode,
      reference: user.reference,
      ...(user.password !== null ? { password: user.password } : {}),
    }),
    isErrorBody: (body) => (body as { success?: unknown } | null)?.success === false,
  });
}
