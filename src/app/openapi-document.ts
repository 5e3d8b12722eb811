import { isDeepStrictEqual } from 'node:util';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Words for a success response the route did not describe itself. */
function successDescription(status: string, method: string, schemaName: string | null): string {
  const subject = schemaName ? words(schemaName) : 'the result';
  if (status === '204') return 'Done; nothing to return.';
  if (status === '201') return `Created: the new ${subject}.`;
  if (status === '202') return `Accepted: ${subject}, carried out in the background.`;
  if (schemaName?.endsWith('Page')) return `One page of ${words(schemaName.replace(/Page$/, ''))} items.`;
  return method === 'get' ? `The ${subject}.` : `Done: the ${subject} as it is now.`;
}

/** `SvaUser` → `SVA user`, `IntegrationDeliveryDetail` → `integration delivery detail`. */
const words = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bsva\b/g, 'SVA')
    .replace(/\bapi\b/g, 'API');

/**
 * Turns what fastify-swagger generates into the document integrators generate clients from:
 * every schema with a `title` becomes a named component (`Customer`, `CreateCustomerRequest`…)
 * referenced wherever it is used, each named schema carries its example and so does every body
 * that uses it, responses are described, and the version and servers are set.
 */
export function finishDocument(document: Json, version: string, examples: Readonly<Record<string, unknown>>): Json {
  const components = (document.components ?? {}) as Json;
  const schemas = ((components.schemas as Json | undefined) ?? {}) as Record<string, Json>;
  const named = new Map<string, Json>();

  const hoist = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(hoist);
    if (!isObject(node)) return node;
    const inner = Object.fromEntries(
      Object.entries(node).map(([key, value]) =>
        // `properties` maps field names to schemas: a field called `title` is not a schema's title;
        // examples are data, whatever their fields are called.
        key === 'example' || key === 'examples'
          ? [key, value]
          : key === 'properties' && isObject(value)
            ? [key, Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hoist(v)]))]
            : [key, hoist(value)],
      ),
    );
    const name = typeof node.title === 'string' && /^[A-Z][A-Za-z]+$/.test(node.title) ? node.title : null;
    if (!name || (!('type' in node) && !('anyOf' in node) && !('oneOf' in node) && !('properties' in node)))
      return inner;
    const known = named.get(name) ?? (schemas[name] && !named.has(name) ? null : undefined);
    if (known === undefined) named.set(name, inner);
    else if (known !== null && !isDeepStrictEqual(known, inner))
      throw new Error(`Two different schemas are titled '${name}'; give one of them another title.`);
    return { $ref: `#/components/schemas/${name}` };
  };

  const paths = hoist(document.paths) as Record<string, Record<string, Json>>;
  for (const [name, schema] of named) schemas[name] = schema;
  for (const [name, schema] of Object.entries(schemas))
    if (examples[name] !== undefined && schema.examples === undefined)
      schemas[name] = { ...schema, examples: [examples[name]] };
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));

  const refName = (schema: unknown) =>
    isObject(schema) && typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : null;
  const withExample = (media: Json) => {
    const name = refName(media.schema);
    return name && examples[name] !== undefined && media.example === undefined && media.examples === undefined
      ? { ...media, example: examples[name] }
      : media;
  };

  for (const operations of Object.values(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const body = operation.requestBody as Json | undefined;
      if (body && isObject(body.content)) {
        body.content = Object.fromEntries(
          Object.entries(body.content).map(([type, media]) => [type, withExample(media as Json)]),
        );
      }
      const responses = operation.responses as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        const content = response.content as Record<string, Json> | undefined;
        if (content)
          response.content = Object.fromEntries(
            Object.entries(content).map(([type, media]) => [type, withExample(media)]),
          );
        if (response.description === 'Default Response') {
          response.description = successDescription(status, method, refName(content?.['application/json']?.schema));
        }
      }
    }
  }

  return {
    ...document,
    info: { ...(document.info as Json), version },
    servers: [
      {
        url: 'http://127.0.0.1:3000',
        description:
          'A Ponte started on this machine with `npm start` (default PORT; /docs shows the address it is served from).',
      },
    ],
    paths,
    components: { ...components, schemas: sorted },
  };
}
