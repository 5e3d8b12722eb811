import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const newAjv = (coerceTypes: boolean | 'array') => {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
};

/**
 * Bodies are validated as sent: a wrong type or an unknown field is an error, never silently
 * coerced or dropped. Query strings, paths and headers are text, so they are coerced.
 */
export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = newAjv(false);
  const coercing = newAjv('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
}
