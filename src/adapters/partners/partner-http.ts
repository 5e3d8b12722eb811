import { notePartnerCall } from './call-count';
import { activeContext, SpanKind, SpanStatusCode, startSpan, traceHeadersOf } from '../telemetry/trace-context';
import { Agent, request as undiciRequest } from 'undici';
import { PartnerError } from '../../domain/ports/partner';
import { parseJsonAnswer } from './json-answers';
import { FORBIDDEN_ADDRESS, guardedLookup, urlProblem, type PartnerAddressPolicy } from './partner-addresses';

export interface PartnerTimeouts {
  readonly connectMs: number;
  /** Also bounds the whole call, so a partner that never answers cannot hold a delivery. */
  readonly responseMs: number;
}

/** No address policy: embedded and sandbox mode. */
export const OPEN: PartnerAddressPolicy = { restricted: false, allowedHosts: [] };

/** One pooled undici Agent per process for every partner call; each connection's address is checked. */
export const createPartnerAgent = (timeouts: PartnerTimeouts, addresses: PartnerAddressPolicy = OPEN) =>
  new Agent({
    connect: { timeout: timeouts.connectMs, ...(addresses.restricted ? { lookup: guardedLookup(addresses) } : {}) },
    headersTimeout: timeouts.responseMs,
    bodyTimeout: timeouts.responseMs,
    keepAliveTimeout: 10_000,
  });

export interface PartnerHttp {
  readonly agent: Agent;
  readonly timeouts: PartnerTimeouts;
  /** Where calls may go; open when absent (embedded/sandbox mode). */
  readonly addresses?: PartnerAddressPolicy;
}

const FORBIDDEN = () =>
  new PartnerError(
    'auth',
    "The integration's URL leads to an address partner calls cannot go to (internal, or not https); change it.",
  );

/**
 * How much of an answer is read, by default (docs/security.md): no partner's JSON or SOAP answer
 * comes near it. A call that needs more (a page of call records, a recording) says so.
 */
export const ANSWER_LIMIT_BYTES = 2 * 1024 * 1024;

const sizeInWords = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;

const TOO_LARGE = (limit: number) =>
  new PartnerError(
    'rejected',
    `The platform's answer is larger than the ${sizeInWords(limit)} Ponte reads of it: the call was let go.`,
  );

/**
 * A redirect is followed by no partner call: an integration's URL names where the platform
 * lives, and a hop elsewhere could lead to an address the guard refuses. The operator is told
 * where it pointed (scheme, host and path, without credentials or query).
 */
function redirected(status: number, location: string | null): PartnerError {
  let where = 'nowhere';
  try {
    if (location) {
      const url = new URL(location, 'http://unknown');
      where = url.host === 'unknown' ? url.pathname : `${url.protocol}//${url.host}${url.pathname}`;
    }
  } catch {
    where = 'an address that is not a URL';
  }
  return new PartnerError(
    'auth',
    `The platform answered ${status}, a redirect to ${where.slice(0, 200)}; partner calls follow no redirect: set the integration's URL to where the platform answers.`,
  );
}

export interface PartnerResponse {
  readonly status: number;
  readonly body: unknown;
}

const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 429 || status === 408;

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The partner's own words for an error, from the usual body shapes. */
export function partnerMessage(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    for (const value of [b.message, b.mensagem, b.error, (b.data as Record<string, unknown> | undefined)?.message]) {
      // The partner's own words, on one line and bounded: they end up in stored errors and logs.
      if (typeof value === 'string' && value.trim() !== '')
        return value
          .replace(/[\u0000-\u001F\u007F]+/g, ' ')
          .trim()
          .slice(0, 300);
    }
  }
  return fallback;
}

const NETWORK_FAILURES: readonly [RegExp, string][] = [
  [/^(ECONNREFUSED)$/, 'the connection was refused'],
  [/^(ENOTFOUND|EAI_AGAIN)$/, 'the host name did not resolve'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'the connection was reset'],
  [
    /^(UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/,
    'the platform did not answer in time',
  ],
  [/(CERT|TLS|SSL)/, 'the TLS handshake failed'],
];

/**
 * A fetch that failed, in a fixed vocabulary: never the error's own text, which can quote a
 * header (a credential), a URL's credentials or an address. A request that could not even be
 * built (a credential with a character no header takes, a malformed URL) will never succeed: it
 * fails as `auth`, so the delivery dies at once and the integration is flagged for its settings.
 */
function failureOfFetch(error: unknown, timedOut: boolean, budgetMs: number): PartnerError {
  if (timedOut) return new PartnerError('retryable', `No answer from the platform: timed out after ${budgetMs} ms.`);
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  const code = cause?.code ?? (error as { code?: string } | null)?.code ?? '';
  if (
    ((error as Error | null)?.name === 'TypeError' && cause === undefined) ||
    code === 'ERR_INVALID_URL' ||
    code === 'ERR_INVALID_CHAR'
  ) {
    return new PartnerError(
      'auth',
      "The request could not be built from the integration's settings (a credential or the URL has characters a request cannot carry); change them.",
    );
  }
  if (code === FORBIDDEN_ADDRESS) return FORBIDDEN();
  const reason = NETWORK_FAILURES.find(([pattern]) => pattern.test(code))?.[1] ?? 'the network failed';
  return new PartnerError('retryable', `No answer from the platform: ${reason}.`);
}

/** A call under way: whether its budget ran out, and what lets the call go when it does (set by the call). */
interface Budget {
  expired: boolean;
  onExpiry: (() => void) | null;
}

/**
 * A call's whole budget (connect, answer, body) as a timer: when it runs out before the call ends,
 * the call fails at once as timed out and `onExpiry` lets it go; the timer is cleared when the call
 * ends.
 */
function withinBudget<T>(budgetMs: number, call: (budget: Budget) => Promise<T>): Promise<T> {
  const budget: Budget = { expired: false, onExpiry: null };
  const answer = call(budget);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      budget.expired = true;
      budget.onExpiry?.();
      reject(failureOfFetch(null, true, budgetMs));
    }, budgetMs);
    answer.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

/** A partner's answer before anyone judged it: status, headers and the body as text. */
export interface PartnerRawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly text: string;
  /** The body as bytes, when asked for (audio). */
  readonly bytes?: Buffer;
}

/**
 * The body read to its end, or cancelled (and its connection with it) once the call's budget runs
 * out or it grows past `limit` bytes.
 */
async function readBody(body: ReadableStream<Uint8Array> | null, budget: Budget, limit: number): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const reader = body.getReader();
  budget.onExpiry = () => void reader.cancel().catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || budget.expired) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      throw TOO_LARGE(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1
    ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength)
    : Buffer.concat(chunks);
}

/**
 * One call to a partner through the global fetch (so msw can stand in for the platform) with the
 * shared undici Agent, the body sent as given. Only the transport is judged here: connection
 * failures and timeouts throw a retryable PartnerError, a forbidden address an auth one; every
 * status comes back.
 *
 * When its budget runs out (withinBudget), a body being read is cancelled with its connection; a
 * connection still waiting for the answer's headers is closed by the Agent's own timeouts (connect, then headers: the same budget,
 * give or take undici's half-second timer ticks). No abort signal is handed to fetch: it would cost
 * every call a listener and a finalizer, a few percent of the dispatcher's throughput, for what the
 * Agent already does.
 */
export function partnerFetch(
  http: PartnerHttp,
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    bytes?: boolean;
    /** Bytes of the answer read at most (ANSWER_LIMIT_BYTES). */ maxBytes?: number;
    /** A redirect comes back as the answer it is (still not followed), rather than as a failure. */
    redirectsAnswered?: boolean;
  },
): Promise<PartnerRawResponse> {
  // A literal address never reaches the connection's lookup: it is judged here.
  if (urlProblem(http.addresses ?? OPEN, request.url)) return Promise.reject(FORBIDDEN());
  notePartnerCall();
  // A client span under whatever is going on (a request, a delivery); only the host is said of the
  // URL, whose path and query may carry a customer's data or a credential.
  const { span, context: traced } = startSpan(request.method, SpanKind.CLIENT, activeContext(), {
    'http.request.method': request.method,
    'server.address': hostOf(request.url),
  });
  return partnerFetchTraced(http, { ...request, headers: { ...request.headers, ...traceHeadersOf(traced) } }).then(
    (response) => {
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      return response;
    },
    (error: unknown) => {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : 'failed' });
      span.end();
      throw error;
    },
  );
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

function partnerFetchTraced(
  http: PartnerHttp,
  request: Parameters<typeof partnerFetch>[1],
): Promise<PartnerRawResponse> {
  const budgetMs = http.timeouts.connectMs + http.timeouts.responseMs;
  return withinBudget(budgetMs, async (budget) => {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        redirect: 'manual',
        // undici's own option: pooling and connect/headers/body timeouts.
        dispatcher: http.agent,
      } as unknown as RequestInit);
    } catch (error) {
      throw failureOfFetch(error, false, budgetMs);
    }
    // An answer after the budget ran out: its body is let go, and its connection with it.
    if (budget.expired) {
      void response.body?.cancel().catch(() => undefined);
      throw failureOfFetch(null, true, budgetMs);
    }
    const limit = request.maxBytes ?? ANSWER_LIMIT_BYTES;
    if (response.status >= 300 && response.status < 400 && !request.redirectsAnswered) {
      void response.body?.cancel().catch(() => undefined);
      throw redirected(response.status, response.headers.get('location'));
    }
    if (Number(response.headers.get('content-length') ?? 0) > limit) {
      void response.body?.cancel().catch(() => undefined);
      throw TOO_LARGE(limit);
    }
    let bytes: Buffer;
    try {
      bytes = await readBody(response.body, budget, limit);
    } catch (error) {
      if (error instanceof PartnerError) throw error;
      throw new PartnerError('retryable', `The platform's answer was cut off: ${(error as Error).message}.`);
    }
    const text = request.bytes && response.ok ? '' : bytes.toString('utf8');
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text,
      ...(request.bytes ? { bytes } : {}),
    };
  });
}

/** 5xx, 429 and 408 are worth another try (honouring Retry-After); 401 and 403 are refused credentials. */
export function judgeStatus(response: PartnerRawResponse, body: unknown): void {
  if (RETRYABLE_STATUS(response.status)) {
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    throw new PartnerError(
      'retryable',
      `The platform answered ${response.status}: ${partnerMessage(body, response.statusText || 'unavailable')}.`,
      retryAfter,
      // Too many calls, or unavailable for a stated while: the whole integration waits (docs/operations.md).
      response.status === 429 || (response.status === 503 && retryAfter !== undefined),
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new PartnerError(
      'auth',
      `The platform refused the credentials (${response.status}): ${partnerMessage(body, 'unauthorised')}.`,
    );
  }
}

/**
 * One JSON call to a partner (see partnerFetch). Connection failures, timeouts, 5xx and 429 throw
 * a retryable PartnerError; 401/403 an auth one. Other statuses come back for the adapter to judge.
 */
export async function partnerCall(
  http: PartnerHttp,
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: unknown;
    /** See partnerFetch. */ maxBytes?: number;
  },
): Promise<PartnerResponse> {
  const response = await partnerFetch(http, {
    method: request.method,
    url: request.url,
    headers: {
      accept: 'application/json',
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    },
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    ...(request.maxBytes !== undefined ? { maxBytes: request.maxBytes } : {}),
  });
  return judgeJson(response);
}

/** A JSON answer judged: its status (judgeStatus), then whether every string in it can be stored. */
async function judgeJson(
  response: Pick<PartnerRawResponse, 'status' | 'statusText' | 'headers' | 'text'>,
): Promise<PartnerResponse> {
  const { body, unstorableAt } = await parseJsonAnswer(response.text);
  judgeStatus(response, body);
  if (unstorableAt !== null) throw unstorableAnswer(unstorableAt);
  return { status: response.status, body };
}

/** An answer with a NUL or an unpaired surrogate in it (docs/security.md): refused, not half stored. */
export const unstorableAnswer = (at: string) =>
  new PartnerError(
    'rejected',
    `The platform's answer holds a NUL character or an unpaired surrogate (at ${at.slice(0, 100) || 'its root'}), which Ponte cannot store.`,
  );

/**
 * A GET that carries a JSON body (Opa! Suite's lists take their filter so): fetch cannot send a
 * body on GET, so this goes through undici's `request` on the same Agent, judged like partnerCall.
 */
export async function partnerGetWithBody(
  http: PartnerHttp,
  request: { url: string; headers: Record<string, string>; body: unknown },
): Promise<PartnerResponse> {
  if (urlProblem(http.addresses ?? OPEN, request.url)) throw FORBIDDEN();
  const budgetMs = http.timeouts.connectMs + http.timeouts.responseMs;
  const answer = await withinBudget(budgetMs, async (budget) => {
    // undici's own request takes an abort signal at little cost: the budget aborts it.
    const deadline = new AbortController();
    budget.onExpiry = () => deadline.abort();
    let response: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      // undici's request follows no redirect unless told to: a 3xx comes back as it is.
      response = await undiciRequest(request.url, {
        method: 'GET',
        headers: { accept: 'application/json', 'content-type': 'application/json', ...request.headers },
        body: JSON.stringify(request.body),
        signal: deadline.signal,
        dispatcher: http.agent,
      });
    } catch (error) {
      throw failureOfFetch(error, budget.expired, budgetMs);
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers))
      if (typeof value === 'string') headers.set(name, value);
    // A body let go errors as aborted, which nobody waits for any more.
    const letGo = () => response.body.on('error', () => undefined).destroy();
    if (response.statusCode >= 300 && response.statusCode < 400) {
      letGo();
      throw redirected(response.statusCode, headers.get('location'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > ANSWER_LIMIT_BYTES) {
          letGo();
          throw TOO_LARGE(ANSWER_LIMIT_BYTES);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof PartnerError) throw error;
      throw failureOfFetch(error, budget.expired, budgetMs);
    }
    return { status: response.statusCode, statusText: '', headers, text: Buffer.concat(chunks).toString('utf8') };
  });
  return judgeJson(answer);
}

/** A 4xx the adapter has no better word for: the effect is refused for good. */
export const rejection = (response: PartnerResponse, what: string) =>
  new PartnerError(
    'rejected',
    `${what}: ${partnerMessage(response.body, `the platform answered ${response.status}`)}.`,
  );
