import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;
type Serialize = (data: unknown) => string;

const defaultFactory = SerializerSelector();
// Response schemas are module constants: every app of the process (tests build many) shares their serializers.
const compiled = new Map<string, WeakMap<object, Serialize>>();

/**
 * fastify's own serializer (fast-json-stringify), compiled once per response schema and set of
 * shared schemas for the whole process instead of once per app.
 */
export const cachedSerializerFactory: Factory = (externalSchemas, serializerOpts) => {
  const build = defaultFactory(externalSchemas, serializerOpts);
  const key = JSON.stringify([Object.keys(externalSchemas ?? {}).sort(), serializerOpts ?? null]);
  const cache = compiled.get(key) ?? compiled.set(key, new WeakMap()).get(key)!;
  return (route) => {
    let serialize = cache.get(route.schema as object);
    if (!serialize) {
      serialize = build(route) as Serialize;
      cache.set(route.schema as object, serialize);
    }
    return serialize;
  };
};
