/*
 * How a customer's personal data (document, name, e-mail, phone) is masked for a reader that may
 * not see it (docs/security.md): just enough is kept to tell records apart.
 */

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
