import { getResponse, type HttpHandler } from 'msw';
import { createExaSimulator, createSaberPlusSimulator, type SvaSimulator } from './sva-simulator';

/** Where the sandbox's handlers live; requests are rebuilt on this origin before matching. */
export const SANDBOX_ORIGIN = 'http://sandbox.local';

export interface Sandbox {
  readonly saberPlus: SvaSimulator;
  readonly exa: SvaSimulator;
  /** Answers a request to /sandbox/… as the simulated platform would, or undefined for no route. */
  handle(request: Request): Promise<Response | undefined>;
}

/**
 * The partner simulators a new installation talks to: the same msw handlers the tests use, served
 * by Ponte itself under /sandbox/saber-plus and /sandbox/exa. Like the real platforms, they answer
 * only credentials they know: `knows` says whether a token (Saber+) or prefix (EXA) is one of an
 * integration registered in Ponte, which then opens its own tenant.
 */
export function createSandbox(knows: (platform: 'saber_plus' | 'exa', credential: string) => Promise<boolean>): Sandbox {
  const saberPlus = createSaberPlusSimulator({ admits: (credential) => knows('saber_plus', credential) });
  const exa = createExaSimulator({ admits: (credential) => knows('exa', credential) });
  const handlers: HttpHandler[] = [...saberPlus.handlers(`${SANDBOX_ORIGIN}/sandbox/saber-plus`), ...exa.handlers(`${SANDBOX_ORIGIN}/sandbox/exa`)];
  return { saberPlus, exa, handle: (request) => getResponse(handlers, request) };
}
