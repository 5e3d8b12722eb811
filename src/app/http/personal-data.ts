import type { FastifyRequest } from 'fastify';
import { hasScope } from '../use-cases/api-keys/api-keys';

/**
 * docs/security.md: a customer's personal data (document, name, e-mail, phone) reaches only
 * keys that hold `customers:read`; views of other resources that carry it show it masked to
 * every other key, keeping just enough to tell records apart.
 */
export const seesPersonalData = (request: FastifyRequest) =>
  Boolean(request.apiKey && hasScope(request.apiKey.scopes, 'customers:read'));

export { maskDocument, maskEmail, maskName, maskPhone } from '../../domain/shared/personal-data';

export const PERSONAL_DATA_NOTE =
  'Personal data (document, name, e-mail, phone, and the user name built from them) is shown only to keys with `customers:read`; other keys receive it masked.';
