import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { createExaSimulator, createSaberPlusSimulator } from './sva/platforms';
import type { SimulatorState, SvaSimulator } from './sva/simulator';
import { TelecallSimulator, type SimulatedMobileLine } from './telecall/simulator';
import { VoipSimulator, type SimulatedLine } from './voip/simulator';
import { SummitSimulator, type SimulatedSummitLine } from './summit/simulator';
import { SerasaSimulator, type SerasaWebhook, type SimulatedSerasaDebt } from './serasa/simulator';
import { SpcSimulator, type SimulatedSpcDebt } from './spc/simulator';
import { OpaSuiteSimulator, type SimulatedMessage } from './opa-suite/simulator';
import { PbxSimulator } from './pbx/simulator';
import { PlatformLoad, readLoadSettings } from './load';
import { WebhookReceivers } from './webhooks/receiver';

/** The token the sandbox's softswitch answers (it stands in for VOIP_URL/VOIP_TOKEN; not a secret). */
export const SANDBOX_VOIP_TOKEN = 'ponte-sandbox-softswitch';
/** The token the sandbox's TeleCall answers (it stands in for TELECALL_URL/TELECALL_TOKEN; not a secret). */
export const SANDBOX_TELECALL_TOKEN = 'ponte-sandbox-telecall';

/** Where the sandbox's handlers live; requests are rebuilt on this origin before matching. */
export const SANDBOX_ORIGIN = 'http://sandbox.local';

export interface Sandbox {
  readonly saberPlus: SvaSimulator;
  readonly exa: SvaSimulator;
  readonly voip: VoipSimulator;
  readonly telecall: TelecallSimulator;
  readonly summit: SummitSimulator;
  readonly serasa: SerasaSimulator;
  readonly spc: SpcSimulator;
  readonly opaSuite: OpaSuiteSimulator;
  /** PBXs: Asterisk's ARI, and the Planetfone and ForIP integration services (they take any credentials). */
  readonly pbx: { readonly asterisk: PbxSimulator; readonly planetfone: PbxSimulator; readonly forip: PbxSimulator };
  /** Frontends' webhook endpoints, under /sandbox/webhooks/<name>. */
  readonly webhooks: WebhookReceivers;
  /** Each simulated platform's load (latency and per-tenant rate limit), by its name under /sandbox. */
  readonly load: ReadonlyMap<string, PlatformLoad>;
  /** Answers a request to /sandbox/… as the simulated platform would, or undefined for no route. */
  handle(request: Request): Promise<Response | undefined>;
  /** Writes what the platforms hold now, when the sandbox keeps a state file. */
  flush(): void;
}

export interface SandboxOptions {
  /** Where the platforms' users are kept across restarts (embedded mode: `.data/sandbox.json`). */
  readonly stateFile?: string;
  /** Told when a save fails (the sandbox keeps serving; the next change tries again). */
  readonly onSaveError?: (error: unknown) => void;
  /** Whether a login is one of a bureau integration registered in Ponte (the bureaus admit only those). */
  readonly admitsBureauLogin?: (bureau: 'serasa' | 'spc', username: string, password: string) => Promise<boolean>;
  /** Where Serasa's webhook about a debt goes: posted to Ponte for the integration of that login (never rejects). */
  readonly deliverSerasaWebhook?: (username: string, webhook: SerasaWebhook) => Promise<void>;
  /** Whether a token is one of an Opa! Suite integration registered in Ponte (the tenant answers only those). */
  readonly admitsOpaSuiteToken?: (token: string) => Promise<boolean>;
  /** Whether an ARI login (`user:password`) is one of an Asterisk registered in Ponte at the sandbox's (the sandbox Asterisk admits only those). */
  readonly admitsAriLogin?: (credential: string) => Promise<boolean>;
  /** How long Serasa takes to decide a debt it was sent (default 1 s). */
  readonly serasaSettleAfterMs?: number;
}

interface SavedState {
  readonly version: 1;
  readonly saberPlus: SimulatorState;
  readonly exa: SimulatorState;
  readonly voip?: { lines?: SimulatedLine[] };
  readonly telecall?: { lines?: SimulatedMobileLine[] };
  readonly summit?: { lines?: SimulatedSummitLine[] };
  readonly serasa?: { debts?: SimulatedSerasaDebt[] };
  readonly spc?: { debts?: SimulatedSpcDebt[] };
  readonly opaSuite?: { messages?: SimulatedMessage[] };
}

/** The platforms whose credentials the sandbox checks against the integrations registered in Ponte. */
export type SandboxPlatform = 'saber_plus' | 'exa' | 'summit';

const SAVE_DELAY_MS = 50;

/** The simulated platforms by their name under /sandbox, each of which takes a load. */
export const SANDBOX_PLATFORMS = [
  'saber-plus',
  'exa',
  'voip',
  'telecall',
  'summit',
  'serasa',
  'spc',
  'opa-suite',
  'pbx',
] as const;

/** A platform's tenant is the credential it is called with (token, prefix, key or login). */
const tenantOf = (request: Request) =>
  request.headers.get('authorization') ??
  request.headers.get('x-exa-prefix') ??
  request.headers.get('x-api-key') ??
  'anonymous';

const LOAD_PATH = /^\/sandbox\/([a-z-]+)\/(_sandbox\/load$)?/;

/**
 * `GET|PUT /sandbox/<platform>/_sandbox/load`: the platform's latency and per-tenant rate limit
 * (docs/sandbox.md), and what it did since they were set; otherwise, a call as the platform's load
 * makes it: 429 with Retry-After past the tenant's rate, or answered after its latency. Null: no
 * load applies (the call goes on as it is).
 */
async function underLoad(load: ReadonlyMap<string, PlatformLoad>, request: Request): Promise<Response | null> {
  const match = LOAD_PATH.exec(new URL(request.url).pathname);
  const platform = match ? load.get(match[1]!) : undefined;
  if (!match || !platform) return null;
  if (match[2]) {
    if (request.method === 'PUT') {
      const settings = readLoadSettings(await request.json().catch(() => null), platform.settings);
      if (typeof settings === 'string') return HttpResponse.json({ message: settings }, { status: 400 });
      platform.set(settings);
    } else if (request.method !== 'GET') return null;
    return HttpResponse.json({ ...platform.settings, ...platform.counted });
  }
  if (new URL(request.url).pathname.includes('/_sandbox/')) return null;
  const refusedFor = platform.admit(tenantOf(request));
  if (refusedFor !== null)
    return HttpResponse.json(
      { message: 'Too Many Requests: slow down.' },
      // Whole seconds, as the header takes them: never less than the wait for the next call.
      { status: 429, headers: { 'retry-after': String(Math.max(1, Math.ceil(refusedFor / 1000))) } },
    );
  const wait = platform.answerTimeMs();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return null;
}

/**
 * The partner simulators a new installation talks to: the same msw handlers the tests use, served
 * by Ponte itself under /sandbox/saber-plus and /sandbox/exa. Like the real platforms, they answer
 * only credentials they know: `knows` says whether a token (Saber+) or prefix (EXA) is one of an
 * integration registered in Ponte, which then opens its own tenant. With a state file, what the
 * platforms hold survives a restart, as a real platform's would.
 */
export function createSandbox(
  knows: (platform: SandboxPlatform, credential: string) => Promise<boolean>,
  options: SandboxOptions = {},
): Sandbox {
  const saberPlus = createSaberPlusSimulator({ admits: (credential) => knows('saber_plus', credential) });
  const exa = createExaSimulator({ admits: (credential) => knows('exa', credential) });
  const voip = new VoipSimulator(SANDBOX_VOIP_TOKEN);
  const telecall = new TelecallSimulator(SANDBOX_TELECALL_TOKEN);
  const summit = new SummitSimulator((token) => knows('summit', token));
  const bureauLogin = options.admitsBureauLogin ?? (async () => false);
  const serasa = new SerasaSimulator((username, password) => bureauLogin('serasa', username, password), {
    settleAfterMs: options.serasaSettleAfterMs ?? 1000,
    onSettled: (username, webhook) => {
      changed();
      void options.deliverSerasaWebhook?.(username, webhook);
    },
  });
  const spc = new SpcSimulator((username, password) => bureauLogin('spc', username, password));
  const opaSuite = new OpaSuiteSimulator(options.admitsOpaSuiteToken ?? (async () => false));
  const pbx = {
    asterisk: new PbxSimulator('asterisk', options.admitsAriLogin ?? (() => false)),
    planetfone: new PbxSimulator('service', () => true),
    forip: new PbxSimulator('service', () => true),
  };
  const webhooks = new WebhookReceivers();
  const handlers: HttpHandler[] = [
    ...saberPlus.handlers(`${SANDBOX_ORIGIN}/sandbox/saber-plus`),
    ...exa.handlers(`${SANDBOX_ORIGIN}/sandbox/exa`),
    ...voip.handlers(`${SANDBOX_ORIGIN}/sandbox/voip`),
    ...telecall.handlers(`${SANDBOX_ORIGIN}/sandbox/telecall`),
    ...summit.handlers(`${SANDBOX_ORIGIN}/sandbox/summit`),
    ...serasa.handlers(`${SANDBOX_ORIGIN}/sandbox/serasa`),
    ...spc.handlers(`${SANDBOX_ORIGIN}/sandbox/spc`),
    ...opaSuite.handlers(`${SANDBOX_ORIGIN}/sandbox/opa-suite`),
    ...pbx.asterisk.handlers(`${SANDBOX_ORIGIN}/sandbox/pbx/asterisk`),
    // A customer calls in: `{from, did, extension}` (numbers as digits), played by the sandbox Asterisk.
    http.post(`${SANDBOX_ORIGIN}/sandbox/pbx/_sandbox/inbound`, async ({ request }) => {
      const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
      const digits = (value: unknown) =>
        typeof value === 'string' && /^\+?\d{2,15}$/.test(value) ? value.replace(/^\+55/, '') : null;
      const [from, did, extension] = [
        digits(body?.from),
        digits(body?.did) ?? '5121010001',
        typeof body?.extension === 'string' && /^\d{1,10}$/.test(body.extension) ? body.extension : null,
      ];
      if (!from || !extension)
        return HttpResponse.json({ message: 'from (a number) and extension are required' }, { status: 400 });
      const call = pbx.asterisk.inbound({ from, did, extension });
      return call
        ? HttpResponse.json({ callId: call.id }, { status: 201 })
        : HttpResponse.json({ message: 'extension offline' }, { status: 409 });
    }),
    ...pbx.planetfone.handlers(`${SANDBOX_ORIGIN}/sandbox/pbx/planetfone`),
    ...pbx.forip.handlers(`${SANDBOX_ORIGIN}/sandbox/pbx/forip`),
    ...webhooks.handlers(`${SANDBOX_ORIGIN}/sandbox/webhooks`),
  ];
  const load = new Map(SANDBOX_PLATFORMS.map((name) => [name as string, new PlatformLoad()]));
  const { stateFile } = options;
  if (stateFile && existsSync(stateFile)) {
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as SavedState;
    if (saved.version === 1) {
      saberPlus.restore(saved.saberPlus);
      exa.restore(saved.exa);
      voip.restore(saved.voip ?? {});
      telecall.restore(saved.telecall ?? {});
      summit.restore(saved.summit ?? {});
      serasa.restore(saved.serasa ?? {});
      spc.restore(saved.spc ?? {});
      opaSuite.restore(saved.opaSuite ?? {});
    }
  }

  let pending: NodeJS.Timeout | null = null;
  const flush = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    if (!stateFile) return;
    const state: SavedState = {
      version: 1,
      saberPlus: saberPlus.state(),
      exa: exa.state(),
      voip: voip.state(),
      telecall: telecall.state(),
      summit: summit.state(),
      serasa: serasa.state(),
      spc: spc.state(),
      opaSuite: opaSuite.state(),
    };
    // Written aside then renamed: a crash mid-write leaves the previous state whole.
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(state), { mode: 0o600 });
    renameSync(`${stateFile}.tmp`, stateFile);
  };
  const changed = () => {
    if (!stateFile || pending) return;
    pending = setTimeout(() => {
      try {
        flush();
      } catch (error) {
        options.onSaveError?.(error);
      }
    }, SAVE_DELAY_MS);
  };

  return {
    saberPlus,
    exa,
    voip,
    telecall,
    summit,
    serasa,
    spc,
    opaSuite,
    pbx,
    webhooks,
    load,
    flush,
    async handle(request) {
      const loaded = await underLoad(load, request);
      if (loaded) return loaded;
      const response = await getResponse(handlers, request);
      if (request.method !== 'GET' && request.method !== 'HEAD') changed();
      return response;
    },
  };
}
