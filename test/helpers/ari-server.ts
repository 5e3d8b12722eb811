import { serveAsterisk } from '../../src/adapters/sandbox/pbx/ari-server';
import type { PbxSimulator } from '../../src/adapters/sandbox/pbx/simulator';

/*
 * Asterisk's ARI as Asterisk serves it (docs/partners.md, "Asterisk"), against the simulator on a
 * real HTTP and WebSocket server on 127.0.0.1. The operations below are those of Asterisk's own
 * `rest-api/api-docs` (channels.json, deviceStates.json, recordings.json, asterisk.json,
 * events.json) that Ponte uses, with the parameters they declare: a request outside it fails.
 */
export const ARI_OPERATIONS: readonly {
  method: string;
  path: RegExp;
  query: readonly string[];
  required?: readonly string[];
}[] = [
  { method: 'GET', path: /^\/ari\/events$/, query: ['app', 'subscribeAll', 'api_key'], required: ['app'] },
  { method: 'GET', path: /^\/ari\/asterisk\/info$/, query: ['only'] },
  { method: 'GET', path: /^\/ari\/channels$/, query: [] },
  {
    method: 'POST',
    path: /^\/ari\/channels$/,
    query: [
      'endpoint',
      'extension',
      'context',
      'priority',
      'label',
      'app',
      'appArgs',
      'callerId',
      'timeout',
      'channelId',
      'otherChannelId',
      'originator',
      'formats',
    ],
    required: ['endpoint'],
  },
  { method: 'DELETE', path: /^\/ari\/channels\/[^/]+$/, query: ['reason_code', 'reason'] },
  { method: 'POST', path: /^\/ari\/channels\/[^/]+\/redirect$/, query: ['endpoint'], required: ['endpoint'] },
  { method: 'POST', path: /^\/ari\/channels\/[^/]+\/hold$/, query: [] },
  { method: 'DELETE', path: /^\/ari\/channels\/[^/]+\/hold$/, query: [] },
  { method: 'GET', path: /^\/ari\/deviceStates\/[^/]+$/, query: [] },
  { method: 'GET', path: /^\/ari\/recordings\/stored\/[^/]+\/file$/, query: [] },
];

export function outsideAri(method: string, url: URL): string | null {
  const operation = ARI_OPERATIONS.find((o) => o.method === method && o.path.test(url.pathname));
  if (!operation) return `${method} ${url.pathname} is no ARI operation Ponte should use`;
  const given = [...url.searchParams.keys()];
  const unknown = given.filter((name) => !operation.query.includes(name));
  if (unknown.length > 0) return `${method} ${url.pathname} has parameters ARI does not declare: ${unknown.join(', ')}`;
  const missing = (operation.required ?? []).filter((name) => !given.includes(name));
  return missing.length > 0 ? `${method} ${url.pathname} lacks ${missing.join(', ')}` : null;
}

/** The simulator behind a real server (serveAsterisk), every request checked against the table. */
export async function serveAri(pbx: PbxSimulator) {
  const violations: string[] = [];
  const served = await serveAsterisk(pbx, (method, url) => {
    const problem = outsideAri(method, url);
    if (problem) violations.push(problem);
  });
  return { ...served, violations };
}
