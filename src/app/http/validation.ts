import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const newAjv = (coerceTypes: boolean | 'array') => {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
};

type Validate = ReturnType<FastifySchemaCompiler<unknown>>;

// Route schemas are module constants: every app of the process (tests build many) shares their validators.
const strict = newAjv(false);
const coercing = newAjv('array');
const compiled = { strict: new WeakMap<object, Validate>(), coercing: new WeakMap<object, Validate>() };

/**
 * Bodies are validated as sent: a wrong type or an unknown field is an error, never silently
 * coerced or dropped. Query strings, paths and headers are text, so they are coerced.
 */
export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  return ({ schema, httpPart }) => {
    const kind = httpPart === 'body' ? 'strict' : 'coercing';
    const cache = compiled[kind];
    let validate = cache.get(schema as object);
    if (!validate) {
      validate = (kind === 'strict' ? strict : coercing).compile(schema as object) as Validate;
      cache.set(schema as object, validate);
    }
    return validate;
  };
}
