import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks a response against the committed OpenAPI document: the operation must exist, must
 * declare the status, and the body must match the schema of its content type.
 * Returns a list of problems (empty when the response conforms).
 */
export function openApiViolations(
  method: string,
  url: string,
  status: number,
  contentType: string | undefined,
  body: string,
): string[] {
  const path = url.split('?')[0]!;
  const match = templates
    .filter((t) => t.pattern.test(path))
    .sort((a, b) => a.template.split('{').length - b.template.split('{').length)[0];
  if (!match) return [`no path in openapi.json matches ${path}`];
  const operation = document.paths[match.template]![method.toLowerCase()];
  if (!operation) return [`openapi.json has no ${method} ${match.template}`];
  const response = operation.responses[String(status)];
  if (!response) return [`${method} ${match.template} does not declare status ${status}`];
  if (!response.content)
    return body === '' ? [] : [`${method} ${match.template} ${status} declares no body but got one`];
  const mediaType = (contentType ?? '').split(';')[0]!.trim();
  if (!response.content[mediaType]) return [`${method} ${match.template} ${status} does not declare ${mediaType}`];
  const validate = ajv.getSchema(
    `openapi#/${pointer('paths', match.template, method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')}`,
  );
  if (!validate) return ['schema not found'];
  // Only JSON bodies are parsed; a page (text/html) is checked as the string it is.
  const parsed = mediaType.endsWith('json') ? JSON.parse(body) : body;
  return validate(parsed) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
