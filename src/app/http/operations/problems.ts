import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicProblems } from '../common';
import {
  ERROR_MEANINGS,
  ERROR_STATUS,
  problem,
  problemTypeOf,
  sendProblem,
  STATUS_TITLES,
  type ErrorCode,
} from '../errors';

const BY_TYPE = new Map((Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => [problemTypeOf(code), code]));

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const inline = (text: string) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const page = (title: string, body: string) =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Ponte</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2430}code{background:#eef1f5;padding:0 .25rem;border-radius:3px}td{padding:.2rem .8rem .2rem 0;vertical-align:top}a{color:#0b5cad}</style>
</head><body>${body}</body></html>
`;

const Html = Type.String({ description: 'An HTML page.' });

/**
 * The pages a problem's `type` leads to (`/problems/customer-document-taken`): what the code means
 * and what to do about it, and the index of every code at `/problems`.
 */
export function problemPagesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Operations'];

  r.get(
    '/problems',
    {
      schema: {
        tags,
        operationId: 'listProblemTypes',
        summary: 'Every error code, with its status and meaning (HTML)',
        description: 'The index of the pages that problem `type` URIs lead to. No key needed.',
        response: {
          200: { description: 'The index page.', content: { 'text/html': { schema: Html } } },
          ...publicProblems(),
        },
      },
    },
    async (_request, reply) => {
      const rows = [...BY_TYPE].map(
        ([type, code]) =>
          `<tr><td><a href="${type}"><code>${code}</code></a></td><td>${ERROR_STATUS[code]}</td><td>${inline(ERROR_MEANINGS[code])}</td></tr>`,
      );
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Problem types',
            `<h1>Problem types</h1><p>Every error of the Ponte API is <code>application/problem+json</code> with a stable <code>code</code>; its <code>type</code> leads here.</p><table>${rows.join('')}</table>`,
          ),
        );
    },
  );

  r.get(
    '/problems/:type',
    {
      schema: {
        tags,
        operationId: 'getProblemType',
        summary: 'What one error code means (HTML)',
        description:
          "Where a problem's `type` URI leads: the code, its HTTP status and what to do about it. No key needed.",
        params: Type.Object({
          type: Type.String({
            pattern: '^[a-z0-9-]{1,64}$',
            description: 'The code in lower case with dashes, as in the problem `type`.',
          }),
        }),
        response: {
          200: { description: 'The page.', content: { 'text/html': { schema: Html } } },
          ...publicProblems(400, 'NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const code = BY_TYPE.get(`/problems/${request.params.type}`);
      if (!code)
        return sendProblem(
          reply,
          problem('NOT_FOUND', `No error code is called '${request.params.type}'; /problems lists them all.`),
        );
      const status = ERROR_STATUS[code];
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            code,
            `<p><a href="/problems">All problem types</a></p><h1><code>${code}</code></h1><p>HTTP ${status} ${escape(STATUS_TITLES[status] ?? '')}</p><p>${inline(ERROR_MEANINGS[code])}</p>`,
          ),
        );
    },
  );
}
