import type { FieldError } from '../../domain/shared/result';

/* What a failed schema check says, in the API's words: one message per field, never a regex. */

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** What each shared pattern (http/common.ts and friends) means, said in words instead of a regex. */
const PATTERN_MEANINGS: Record<string, string> = {
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$':
    'Must be an id: a UUID in its canonical hyphenated form.',
  '^[^\\u0000-\\u001F\\u007F]*$': 'Must not contain control characters.',
  '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$':
    'Must not contain control characters other than tabs and line breaks.',
  '^[^\\s\\u0000-\\u001F\\u007F]+$': 'Must not contain spaces or control characters.',
  '^[A-Za-z]{2}$': 'Must be a state (UF): two letters.',
};

const FORMATS: Record<string, string> = {
  email: 'an e-mail address',
  'date-time': 'a date-time (RFC 3339, e.g. 2026-11-23T14:30:00Z)',
  date: 'a date (YYYY-MM-DD)',
  uuid: 'an id: a UUID in its canonical hyphenated form',
  uri: 'a URL',
};

const plural = (n: unknown, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/** One sentence per failed keyword, in the API's words. */
function messageOf(error: AjvError, nullable: boolean): string {
  const p = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return 'Unknown field.';
    case 'required':
      return 'Required.';
    case 'enum':
      return `Must be one of: ${(p.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}.`;
    case 'const':
      return `Must be ${JSON.stringify(p.allowedValue)}.`;
    case 'type': {
      const types = [
        String(p.type)
          .replace('integer', 'an integer')
          .replace(/^(string|number|boolean|object|array)$/, (t) =>
            t === 'array' || t === 'object' ? `an ${t}` : `a ${t}`,
          ),
      ];
      return `Must be ${types[0]}${nullable ? ' or null' : ''}.`;
    }
    case 'format':
      return `Must be ${FORMATS[String(p.format)] ?? `in the ${String(p.format)} format`}.`;
    case 'pattern':
      return PATTERN_MEANINGS[String(p.pattern)] ?? 'Is not in the expected form.';
    case 'minLength':
      return `Must have at least ${plural(p.limit, 'character', 'characters')}.`;
    case 'maxLength':
      return `Must have at most ${plural(p.limit, 'character', 'characters')}.`;
    case 'minItems':
      return `Must have at least ${plural(p.limit, 'item', 'items')}.`;
    case 'maxItems':
      return `Must have at most ${plural(p.limit, 'item', 'items')}.`;
    case 'uniqueItems':
      return 'Must not repeat an item.';
    case 'minimum':
      return `Must be at least ${String(p.limit)}.`;
    case 'maximum':
      return `Must be at most ${String(p.limit)}.`;
    case 'minProperties':
      return `Send at least ${plural(p.limit, 'field', 'fields')}.`;
    case 'maxProperties':
      return `Send at most ${plural(p.limit, 'field', 'fields')}.`;
    case 'storableText':
      return 'Must not contain a NUL character or an unpaired surrogate.';
    default:
      return error.message ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` : 'Is not valid.';
  }
}

/**
 * Turns Ajv errors into `{ field, message }` with the field as a JSON pointer without the leading
 * slash, one per field: a value can break several keywords at once (an id's format and pattern),
 * and a nullable field reports its own rule, not the union's `null` branch and `anyOf` wrapper.
 */
export function fieldErrors(validation: readonly AjvError[]): FieldError[] {
  const fieldOf = (error: AjvError) => {
    const base = error.instancePath.replace(/^\//, '');
    const child = (error.params.missingProperty ?? error.params.additionalProperty) as string | undefined;
    return child ? (base ? `${base}/${child}` : child) : base || '(root)';
  };
  const byField = new Map<string, AjvError[]>();
  for (const error of validation) {
    const field = fieldOf(error);
    byField.set(field, [...(byField.get(field) ?? []), error]);
  }
  return [...byField].map(([field, errors]) => {
    const nullable = errors.some((e) => e.keyword === 'type' && e.params.type === 'null');
    const own = errors.filter(
      (e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && !(e.keyword === 'type' && e.params.type === 'null'),
    );
    return { field, message: messageOf(own[0] ?? errors[0]!, nullable) };
  });
}
