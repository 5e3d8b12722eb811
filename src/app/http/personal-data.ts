import type { FastifyRequest } from 'fastify';
import { hasScope } from '../use-cases/api-keys/api-keys';

/**
 * docs/security.md: a customer's personal data (document, name, e-mail, phone) reaches only
 * keys that hold `customers:read`; views of other resources that carry it show it masked to
 * every other key, keeping just enough to tell records apart.
 */
export const seesPersonalData = (request: FastifyRequest) =>
  Boolean(request.apiKey && hasScope(request.apiKey.scopes, 'customers:read'));

const keepLast = (value: string, visible: number) =>
  '•'.repeat(Math.max(value.length - visible, 0)) + value.slice(-visible);

export const maskDocument = (document: string) => keepLast(document, 2);
export const maskPhone = (phone: string) => keepLast(phone, 4);
export const maskName = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]}•••`)
    .join(' ');
export function maskEmail(email: string) {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}•••${email.slice(at)}` : '•••';
}

export const PERSONAL_DATA_NOTE =
  'Personal data (document, name, e-mail, phone, and the user name built from them) is shown only to keys with `customers:read`; other keys receive it masked.';
