import { fail, ok, type Result } from '../shared/result';

// Anatel's area codes (DDD) in use.
const AREA_CODES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48,
  49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89,
  91, 92, 93, 94, 95, 96, 97, 98, 99,
]);

/** Reduces a written phone to its national number (area code + subscriber), or null. */
function nationalNumber(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    if (!digits.startsWith('55')) return null;
    digits = digits.slice(2);
  } else if (digits.length >= 12 && digits.startsWith('55')) {
    digits = digits.slice(2);
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1); // trunk prefix, as in (011) 91234-5678
  }
  if (digits.length !== 10 && digits.length !== 11) return null;
  return AREA_CODES.has(Number(digits.slice(0, 2))) ? digits : null;
}

/**
 * A Brazilian mobile number: area code plus nine digits starting with 9, accepted as people write
 * it ("(11) 91234-5678", "11912345678", "+55 11 91234-5678") and returned in E.164 (+5511912345678).
 */
export function parseMobilePhone(input: string): Result<string> {
  const national = nationalNumber(input);
  if (national?.length !== 11 || national[2] !== '9') {
    return fail('INVALID_PHONE', 'Expected a Brazilian mobile number: area code plus nine digits starting with 9.');
  }
  return ok(`+55${national}`);
}

/** Any Brazilian phone, mobile (11 digits, 9…) or landline (10 digits, 2–5…), in E.164. */
export function parsePhone(input: string): Result<string> {
  const national = nationalNumber(input);
  const valid = national !== null && (national.length === 11 ? national[2] === '9' : /^[2-5]$/.test(national[2]!));
  return valid ? ok(`+55${national}`) : fail('INVALID_PHONE', 'Expected a Brazilian phone number with its area code.');
}
