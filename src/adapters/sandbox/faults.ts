import { delay, http, HttpResponse, type HttpHandler } from 'msw';

/** Failures a simulator injects, by chance or scripted one by one ('pass': this call goes through). */
export type ScriptedFault = 'pass' | '5xx' | 'timeout' | '429' | { readonly status: number; readonly body: unknown };

export interface FaultSettings {
  /** Share of calls answered 503 (0–1). */
  failureRate: number;
  /** Share of calls that hang past the client's timeout; half of them are applied first. */
  timeoutRate: number;
  /** Share of calls answered 429 with Retry-After. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** How long a "timeout" hangs. */
  hangMs: number;
  /** Played in order before any random fault. */
  script: ScriptedFault[];
}

export const NO_FAULTS: FaultSettings = {
  failureRate: 0,
  timeoutRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  hangMs: 15_000,
  script: [],
};

export type FaultRoll =
  | { kind: 'none' }
  | { kind: '5xx' }
  | { kind: '429' }
  | { kind: 'timeout'; applyFirst: boolean }
  | { kind: 'scripted'; status: number; body: unknown };

/** Decides what happens to the next call. `random` returns numbers in [0, 1). */
export function rollFault(settings: FaultSettings, random: () => number): FaultRoll {
  const scripted = settings.script.shift();
  if (scripted !== undefined) {
    if (typeof scripted === 'object') return { kind: 'scripted', status: scripted.status, body: scripted.body };
    if (scripted === 'pass') return { kind: 'none' };
    return scripted === 'timeout' ? { kind: 'timeout', applyFirst: random() < 0.5 } : { kind: scripted };
  }
  const roll = random();
  if (roll < settings.failureRate) return { kind: '5xx' };
  if (roll < settings.failureRate + settings.timeoutRate) return { kind: 'timeout', applyFirst: random() < 0.5 };
  if (roll < settings.failureRate + settings.timeoutRate + settings.rateLimitRate) return { kind: '429' };
  return { kind: 'none' };
}

/** `PUT {base}/_sandbox/faults`: sets a simulator's faults (numbers ≥ 0 and a script), answering the settings now in force. */
export function faultControls(
  base: string,
  simulator: { faults: FaultSettings; setFaults(settings: Partial<FaultSettings>): void },
): HttpHandler {
  return http.put(`${base}/_sandbox/faults`, async ({ request }) => {
    const body = (await request.json().catch(() => ({}))) as Partial<FaultSettings>;
    const numbers = ['failureRate', 'timeoutRate', 'rateLimitRate', 'retryAfterSeconds', 'hangMs'] as const;
    const settings: Partial<FaultSettings> = {};
    for (const key of numbers) if (typeof body[key] === 'number' && body[key] >= 0) settings[key] = body[key];
    if (Array.isArray(body.script)) settings.script = body.script;
    simulator.setFaults(settings);
    return HttpResponse.json(simulator.faults);
  });
}

/**
 * Answers a call as the simulator's faults decide: 503, 429 with Retry-After, a scripted answer,
 * a hang past the client's timeout (half of them after applying the call), or the call itself.
 * `errorBody` is the platform's own error shape.
 */
export async function withFaults(
  simulator: { faults: FaultSettings },
  random: () => number,
  errorBody: (message: string) => Record<string, unknown>,
  unavailable: string,
  run: () => Promise<Response> | Response,
): Promise<Response> {
  const fault = rollFault(simulator.faults, random);
  switch (fault.kind) {
    case '5xx':
      return HttpResponse.json(errorBody(unavailable), { status: 503 });
    case '429':
      return HttpResponse.json(errorBody('Muitas requisições'), {
        status: 429,
        headers: { 'retry-after': String(simulator.faults.retryAfterSeconds) },
      });
    case 'scripted':
      return HttpResponse.json(fault.body as Record<string, unknown>, { status: fault.status });
    case 'timeout': {
      const response = fault.applyFirst ? await run() : HttpResponse.json(errorBody('late'), { status: 504 });
      await delay(simulator.faults.hangMs);
      return response;
    }
    default:
      return run();
  }
}
