import { Worker } from 'node:worker_threads';
import { unstorableTextAt } from '../../domain/shared/storable';

/**
 * A partner's JSON answer, parsed. Most answers are a few KiB and are parsed here at once; one
 * past PARSE_ELSEWHERE_BYTES (a page of call records) is parsed on a worker thread, so the event
 * loop keeps answering (`/health`, other calls) meanwhile: parsing 6 MiB here holds it ~50 ms,
 * on the worker a few. Text that is not JSON is `null`, for the adapter to judge; `unstorableAt`
 * says where a string PostgreSQL cannot keep is (docs/security.md).
 */
export interface ParsedAnswer {
  readonly body: unknown;
  readonly unstorableAt: string | null;
}

export const PARSE_ELSEWHERE_BYTES = 1024 * 1024;

// The worker's own code, in plain JavaScript: it runs without the TypeScript loader.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, text }) => {
  let body = null;
  try { body = JSON.parse(text); } catch { body = null; }
  parentPort.postMessage({ id, body });
});
`;

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (body: unknown) => void; reject: (error: Error) => void }>();

/** One parsing thread per process, started on first use and started again if it ever stops. */
function theWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, { eval: true });
  started.on('message', ({ id, body }: { id: number; body: unknown }) => {
    waiting.get(id)?.resolve(body);
    waiting.delete(id);
  });
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  started.on('error', fail);
  started.on('exit', () => fail(new Error('The JSON parsing thread stopped.')));
  // It never keeps the process alive (unref'd after its listeners, which would ref it again).
  started.unref();
  worker = started;
  return started;
}

function parseHere(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function parseElsewhere(text: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    theWorker().postMessage({ id, text });
  });
}

export async function parseJsonAnswer(text: string): Promise<ParsedAnswer> {
  const body = text.length < PARSE_ELSEWHERE_BYTES ? parseHere(text) : await parseElsewhere(text);
  // What PostgreSQL cannot keep arrives only as a `\u` escape: an answer without one is not walked.
  return { body, unstorableAt: text.includes('\\u') ? unstorableTextAt(body) : null };
}
