import { fail, ok, type Result } from '../shared/result';

export type DocumentType = 'cpf' | 'cnpj';

export interface Document {
  readonly type: DocumentType;
  /** Digits only for a CPF; 12 alphanumerics (upper case) + 2 check digits for a CNPJ. */
  readonly value: string;
}

const SEPARATORS = /[\s.\-/]/g;

/**
 * Parses a CPF or CNPJ as people write it ("123.456.789-09", "12.ABC.345/01DE-35") and checks
 * its check digits. The CNPJ may be alphanumeric (Receita Federal, in force since July 2026):
 * each character counts as its ASCII code minus 48, so digits keep their old value.
 */
export function parseDocument(input: string): Result<Document> {
  const value = input.replace(SEPARATORS, '').toUpperCase();
  if (/^\d{11}$/.test(value)) {
    return isValidCpf(value) ? ok({ type: 'cpf', value }) : fail('INVALID_DOCUMENT', 'CPF check digits do not match.');
  }
  if (/^[0-9A-Z]{12}\d{2}$/.test(value)) {
    return isValidCnpj(value)
      ? ok({ type: 'cnpj', value })
      : fail('INVALID_DOCUMENT', 'CNPJ check digits do not match.');
  }
  return fail('INVALID_DOCUMENT', 'Expected a CPF (11 digits) or a CNPJ (14 characters, the last two digits).');
}

function isValidCpf(cpf: string): boolean {
  if (/^(\d)\1{10}$/.test(cpf)) return false;
  const digits = [...cpf].map(Number);
  const check = (length: number) => {
    const sum = digits.slice(0, length).reduce((acc, d, i) => acc + d * (length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return check(9) === digits[9] && check(10) === digits[10];
}

const CNPJ_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

function cnpjCheckDigit(values: readonly number[]): number {
  const weights = CNPJ_WEIGHTS.slice(CNPJ_WEIGHTS.length - values.length);
  const rest = values.reduce((acc, v, i) => acc + v * weights[i]!, 0) % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function isValidCnpj(cnpj: string): boolean {
  if (/^(\d)\1{13}$/.test(cnpj)) return false;
  const values = [...cnpj].map((c) => c.charCodeAt(0) - 48);
  const first = cnpjCheckDigit(values.slice(0, 12));
  const second = cnpjCheckDigit([...values.slice(0, 12), first]);
  return first === values[12] && second === values[13];
}

/** Shows a document the usual way: 123.456.789-09 or 12.ABC.345/01DE-35. */
export function formatDocument(document: Document): string {
  const v = document.value;
  return document.type === 'cpf'
    ? `${v.slice(0, 3)}.${v.slice(3, 6)}.${v.slice(6, 9)}-${v.slice(9)}`
    : `${v.slice(0, 2)}.${v.slice(2, 5)}.${v.slice(5, 8)}/${v.slice(8, 12)}-${v.slice(12)}`;
}
