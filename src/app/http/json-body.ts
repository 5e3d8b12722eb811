import type { FastifyInstance } from 'fastify';
import { unstorableTextAt } from '../../domain/shared/storable';

/**
 * Request bodies as JSON, with fastify's own parser (prototype poisoning refused), and refused
 * with 400 when a string in them holds what PostgreSQL cannot store (a NUL, an unpaired
 * surrogate: docs/security.md). Those can only arrive as `\u` escapes, so a body without one is
 * not walked at all.
 */
export function registerJsonBodies(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parse(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      const at = (body as string).includes('\\u') ? unstorableTextAt(value) : null;
      if (at === null) return done(null, value);
      const refused = Object.assign(new Error('The body is not valid.'), {
        statusCode: 400,
        validationContext: 'body',
        validation: [
          {
            instancePath: at,
            keyword: 'storableText',
            params: {},
            message: 'must not contain a NUL character or an unpaired surrogate',
          },
        ],
      });
      done(refused, undefined);
    });
  });
}
