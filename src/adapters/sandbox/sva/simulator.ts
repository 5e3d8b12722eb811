import { createHash } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { faultControls, NO_FAULTS, withFaults, type FaultSettings } from '../faults';
import { driftControl } from '../drift';
import { pageOfKeys } from '../paging';

/** The platform's own view of a user. */
export interface SimulatedUser {
  id: string;
  /** The subscriber's reference (Ponte's SVA user id): what identifies the subscription. */
  reference: string;
  username: string;
  document: string;
  email: string | null;
  name: string;
  mobilePhone: string;
  packageCode: string;
  status: string;
  password: string | null;
  /** Every change the platform applied, in order. */
  log: string[];
}

export interface SvaSimulatorOptions {
  /** Credentials the platform knows from the start. */
  tenants?: string[];
  /** Whether a credential not seen yet belongs to a customer of the platform (opens its tenant). */
  admits?: (credential: string) => boolean | Promise<boolean>;
  random?: () => number;
}

/**
 * What a platform keeps across restarts. Credentials and passwords are kept as SHA-256 digests
 * only: a tenant is found again when its credential is presented, and a password is never read back.
 */
export interface SimulatorState {
  readonly nextId: number;
  readonly tenants: readonly { readonly credentialDigest: string; readonly users: readonly SimulatedUser[] }[];
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** What one platform holds, as a real one would refuse beyond: users per tenant, tenants, field sizes. */
export const SIMULATOR_LIMITS = { usersPerTenant: 10_000, tenants: 100, fieldLength: 254 } as const;

/** How one platform's REST contract looks on the wire (see src/adapters/partners). */
interface Dialect {
  readonly name: string;
  credentialOf(request: Request): string | null;
  readonly endVerb: string;
  readonly endStatus: string;
  readonly packages: readonly { code: string; name: string }[];
  /** Reads a create body into the user's fields, keyed by the platform's user name. */
  readUser(body: Record<string, unknown>): Omit<SimulatedUser, 'id' | 'status' | 'log'>;
  /** The platform's error body. */
  error(message: string): Record<string, unknown>;
  /** Whether the user name names one person (EXA: the e-mail): its subscriptions share one document. */
  readonly usernameOfOnePerson: boolean;
  readonly conflictMessage: string;
}

const MOBILE = /^\+55\d{2}9\d{8}$/;

/**
 * An in-memory SVA platform and the msw handlers that serve it. Tests put the handlers in an
 * msw server; `npm start` serves the same handlers under /sandbox. Users are kept per tenant
 * (the credential) and identified by the caller's reference: a create repeated with the same
 * reference returns the same user, the same CPF under another reference is another subscription,
 * and on EXA an e-mail names one person (several packages of one customer, each a subscription). Faults are injected per call.
 */
export class SvaSimulator {
  readonly tenants = new Map<string, Map<string, SimulatedUser>>();
  readonly revoked = new Set<string>();
  faults: FaultSettings = { ...NO_FAULTS, script: [] };
  /** Answer a duplicate create with 200 and an error body instead of 409. */
  duplicateAsErrorBody = false;
  calls = 0;
  private nextId = 1;
  private readonly random: () => number;

  constructor(
    private readonly dialect: Dialect,
    private readonly options: SvaSimulatorOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    for (const tenant of options.tenants ?? []) this.tenants.set(tenant, new Map());
  }

  /** Every user of every tenant, as the platform shows them. */
  /** How many users a tenant has, without listing them. */
  userCount(tenant: string): number {
    return this.tenants.get(tenant)?.size ?? 0;
  }

  users(tenant?: string): SimulatedUser[] {
    const all = tenant
      ? [this.tenants.get(tenant) ?? new Map<string, SimulatedUser>()]
      : [...this.tenants.values(), ...this.restored.values()];
    return all.flatMap((users) => [...users.values()]);
  }

  /** Tenants restored from a saved state, waiting for their credential to be presented again. */
  private readonly restored = new Map<string, Map<string, SimulatedUser>>();

  /** What the platform holds, to be saved (see SimulatorState). */
  state(): SimulatorState {
    const saved = (credentialDigest: string, users: Map<string, SimulatedUser>) => ({
      credentialDigest,
      users: [...users.values()].map((u) => ({
        ...u,
        password: u.password === null || u.password.startsWith('sha256:') ? u.password : `sha256:${digest(u.password)}`,
        log: [...u.log],
      })),
    });
    return {
      nextId: this.nextId,
      tenants: [
        ...[...this.tenants].map(([credential, users]) => saved(digest(credential), users)),
        ...[...this.restored].map(([d, users]) => saved(d, users)),
      ],
    };
  }

  /** Takes back a saved state: its tenants open again when their credentials are presented. */
  restore(state: SimulatorState) {
    this.nextId = Math.max(this.nextId, state.nextId);
    for (const tenant of state.tenants)
      this.restored.set(
        tenant.credentialDigest,
        new Map(tenant.users.map((u) => [u.reference, { ...u, log: [...u.log] }])),
      );
  }

  setFaults(settings: Partial<FaultSettings>) {
    this.faults = { ...this.faults, ...settings, script: [...(settings.script ?? this.faults.script)] };
  }

  /**
   * Each tenant's user names, with the document they belong to and how many subscriptions hold
   * them, so that a name is checked without a scan (the dispatch benchmark runs thousands).
   */
  private readonly usernames = new WeakMap<
    Map<string, SimulatedUser>,
    Map<string, { document: string; subscriptions: number }>
  >();

  private usernamesOf(users: Map<string, SimulatedUser>) {
    let names = this.usernames.get(users);
    if (!names) {
      names = new Map();
      for (const user of users.values()) this.holdUsername(names, user);
      this.usernames.set(users, names);
    }
    return names;
  }

  private holdUsername(names: Map<string, { document: string; subscriptions: number }>, user: SimulatedUser) {
    const held = names.get(user.username);
    if (held) held.subscriptions += 1;
    else names.set(user.username, { document: user.document, subscriptions: 1 });
  }

  private releaseUsername(users: Map<string, SimulatedUser>, user: SimulatedUser) {
    const names = this.usernamesOf(users);
    const held = names.get(user.username);
    if (held && --held.subscriptions === 0) names.delete(user.username);
  }

  /** Admissions under way: calls that arrive together with a new credential share one check. */
  private readonly admitting = new Map<string, Promise<boolean>>();

  private admitted(credential: string): Promise<boolean> {
    let check = this.admitting.get(credential);
    if (!check) {
      check = Promise.resolve(this.options.admits?.(credential) ?? false).finally(() =>
        this.admitting.delete(credential),
      );
      this.admitting.set(credential, check);
    }
    return check;
  }

  private async tenantOf(request: Request): Promise<Map<string, SimulatedUser> | null> {
    const credential = this.dialect.credentialOf(request);
    if (!credential || this.revoked.has(credential)) return null;
    const known = this.tenants.get(credential);
    if (known) return known;
    const restored = this.restored.get(digest(credential));
    if (restored) {
      this.restored.delete(digest(credential));
      this.tenants.set(credential, restored);
      return restored;
    }
    if (this.tenants.size >= SIMULATOR_LIMITS.tenants || !(await this.admitted(credential))) return null;
    // Calls that arrived together for a new tenant share the one the first of them opened.
    let users = this.tenants.get(credential);
    if (!users) this.tenants.set(credential, (users = new Map<string, SimulatedUser>()));
    return users;
  }

  /** Each tenant's references in order, kept until its users change (a list reads it page after page). */
  private readonly sorted = new WeakMap<Map<string, SimulatedUser>, { size: number; references: string[] }>();

  private sortedReferences(users: Map<string, SimulatedUser>): string[] {
    const kept = this.sorted.get(users);
    if (kept?.size === users.size && kept.references.every((reference) => users.has(reference))) return kept.references;
    const references = [...users.keys()].sort();
    this.sorted.set(users, { size: users.size, references });
    return references;
  }

  /**
   * A change behind Ponte's back, as an operator in the platform's panel would make it
   * (docs/sandbox.md): `{reference, status | package | mobilePhone | delete}` changes or removes a
   * subscription; `{extra: {…a create's fields, with a reference Ponte does not have}}` adds one
   * (to the tenant holding `extra.tenantOf`, or the only tenant). Answers the user, or what is wrong.
   */
  drift(body: unknown): SimulatedUser | string {
    const d = this.dialect;
    const b = (body ?? {}) as Record<string, unknown>;
    const tenants = [...this.tenants.values()];
    if (b.extra !== undefined) {
      const extra = (b.extra ?? {}) as Record<string, unknown>;
      if (typeof extra !== 'object' || Array.isArray(extra))
        return 'extra: an object with a new subscription’s fields.';
      const holder =
        typeof extra.tenantOf === 'string' ? tenants.find((users) => users.has(extra.tenantOf as string)) : undefined;
      const users = holder ?? (tenants.length === 1 ? tenants[0] : undefined);
      if (!users)
        return tenants.length === 0
          ? 'The platform has no tenant yet: register its integration in Ponte and create a user first.'
          : 'extra.tenantOf: the reference of a subscription in the tenant to add it to (the platform has several).';
      const incoming = d.readUser({ packageCode: d.packages[0]!.code, mobilePhone: '+5511999990000', ...extra });
      if (!incoming.reference || !incoming.username || !incoming.document)
        return `extra: reference and ${d.usernameOfOnePerson ? 'email, document' : 'cpf'} are required.`;
      if (users.has(incoming.reference)) return 'extra.reference: the platform already holds it.';
      if (!d.packages.some((p) => p.code === incoming.packageCode))
        return `extra.packageCode: ${d.name} has no such package.`;
      const user: SimulatedUser = {
        ...incoming,
        id: `${d.name.toLowerCase().replace(/\W/g, '')}-${this.nextId++}`,
        status: 'active',
        log: ['created (drift)'],
      };
      users.set(user.reference, user);
      this.holdUsername(this.usernamesOf(users), user);
      return user;
    }
    if (typeof b.reference !== 'string') return 'reference: the id Ponte sends for the subscription.';
    const users = tenants.find((held) => held.has(b.reference as string));
    const user = users?.get(b.reference);
    if (!users || !user) return 'reference: the platform holds no such subscription.';
    if (b.delete === true) {
      users.delete(user.reference);
      this.releaseUsername(users, user);
      user.log.push('deleted (drift)');
      return user;
    }
    const status = b.status === 'deactivated' || b.status === 'cancelled' ? d.endStatus : b.status;
    if (status !== undefined && status !== 'active' && status !== 'blocked' && status !== d.endStatus)
      return `status: active, blocked or ${d.endStatus}.`;
    if (b.package !== undefined && !d.packages.some((p) => p.code === b.package))
      return `package: ${d.name} has none such (${d.packages.map((p) => p.code).join(', ')}).`;
    if (b.mobilePhone !== undefined && (typeof b.mobilePhone !== 'string' || !MOBILE.test(b.mobilePhone)))
      return 'mobilePhone: +55 and a mobile number.';
    if (status === undefined && b.package === undefined && b.mobilePhone === undefined)
      return 'One of status, package, mobilePhone or delete: true.';
    if (typeof status === 'string') user.status = status;
    if (typeof b.package === 'string') user.packageCode = b.package;
    if (typeof b.mobilePhone === 'string') user.mobilePhone = b.mobilePhone;
    user.log.push('changed (drift)');
    return user;
  }

  handlers(baseUrl: string): HttpHandler[] {
    const d = this.dialect;
    const base = baseUrl.replace(/\/+$/, '');
    const error = (status: number, message: string) => HttpResponse.json(d.error(message), { status });

    /** Auth, then faults, then the operation (which a "timeout" may apply before hanging). */
    const guarded =
      (
        operation: (
          users: Map<string, SimulatedUser>,
          request: Request,
          params: Record<string, string>,
        ) => Promise<Response> | Response,
      ) =>
      async ({
        request,
        params,
      }: {
        request: Request;
        params: Record<string, string | readonly string[] | undefined>;
      }) => {
        this.calls += 1;
        const users = await this.tenantOf(request);
        if (!users) return error(401, `${d.name}: credencial inválida`);
        return withFaults(
          this,
          this.random,
          (message) => d.error(message),
          `${d.name} indisponível`,
          () => operation(users, request, params as Record<string, string>),
        );
      };

    const userView = (user: SimulatedUser) => ({
      id: user.id,
      reference: user.reference,
      username: user.username,
      status: user.status,
      packageCode: user.packageCode,
      mobilePhone: user.mobilePhone,
      document: user.document,
      email: user.email,
      name: user.name,
    });

    const transitions: Record<string, { from: string[]; to: string }> = {
      block: { from: ['active', 'blocked'], to: 'blocked' },
      unblock: { from: ['active', 'blocked', d.endStatus], to: 'active' },
      [d.endVerb]: { from: ['active', 'blocked', d.endStatus], to: d.endStatus },
    };

    return [
      http.get(`${base}/_sandbox/users`, ({ request }) => {
        const tenant = new URL(request.url).searchParams.get('tenant') ?? undefined;
        return HttpResponse.json({
          platform: d.name,
          users: this.users(tenant).map((u) => ({ ...userView(u), log: u.log })),
        });
      }),
      faultControls(base, this),
      http.get(
        `${base}/packages`,
        guarded(() => HttpResponse.json({ packages: d.packages })),
      ),
      http.post(
        `${base}/users`,
        guarded(async (users, request) => {
          const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
          if (!body) return error(400, 'Corpo inválido');
          const incoming = d.readUser(body);
          if (!incoming.reference || !incoming.username || !incoming.document)
            return error(422, 'Dados obrigatórios ausentes');
          if (
            Object.values(incoming).some(
              (value) => typeof value === 'string' && value.length > SIMULATOR_LIMITS.fieldLength,
            )
          )
            return error(422, 'Campo longo demais');
          if (!users.has(incoming.reference) && users.size >= SIMULATOR_LIMITS.usersPerTenant)
            return error(422, 'Limite de usuários do contrato atingido');
          if (!MOBILE.test(incoming.mobilePhone)) return error(422, 'Celular inválido');
          if (!d.packages.some((p) => p.code === incoming.packageCode))
            return error(422, `Pacote inexistente: ${incoming.packageCode}`);
          const existing = users.get(incoming.reference);
          if (existing) return HttpResponse.json(userView(existing), { status: 200 });
          const holder = this.usernamesOf(users).get(incoming.username);
          if (d.usernameOfOnePerson && holder && holder.document !== incoming.document) {
            return this.duplicateAsErrorBody
              ? HttpResponse.json(d.error(d.conflictMessage), { status: 200 })
              : error(409, d.conflictMessage);
          }
          const user: SimulatedUser = {
            ...incoming,
            id: `${d.name.toLowerCase().replace(/\W/g, '')}-${this.nextId++}`,
            status: 'active',
            log: ['created'],
          };
          users.set(user.reference, user);
          this.holdUsername(this.usernamesOf(users), user);
          return HttpResponse.json(userView(user), { status: 201 });
        }),
      ),
      http.get(
        `${base}/users`,
        guarded((users, request) => {
          const page = pageOfKeys(this.sortedReferences(users), request);
          if (typeof page === 'string') return error(400, page);
          return HttpResponse.json({
            users: page.keys.map((reference) => userView(users.get(reference)!)),
            next: page.next,
          });
        }),
      ),
      driftControl(base, (body) => this.drift(body), userView),
      http.get(
        `${base}/users/:key`,
        guarded((users, _request, params) => {
          const user = users.get(params.key!);
          return user ? HttpResponse.json(userView(user)) : error(404, 'Usuário não encontrado');
        }),
      ),
      http.patch(
        `${base}/users/:key`,
        guarded(async (users, request, params) => {
          const user = users.get(params.key!);
          if (!user) return error(404, 'Usuário não encontrado');
          const body = (await request.json().catch(() => ({}))) as {
            mobilePhone?: string;
            password?: string;
            packageCode?: string;
          };
          if (body.mobilePhone !== undefined && !MOBILE.test(body.mobilePhone)) return error(422, 'Celular inválido');
          if (body.packageCode !== undefined && !d.packages.some((p) => p.code === body.packageCode))
            return error(422, `Pacote inexistente: ${body.packageCode}`);
          if (body.mobilePhone !== undefined) user.mobilePhone = body.mobilePhone;
          if (body.packageCode !== undefined) user.packageCode = body.packageCode;
          if (body.password !== undefined) user.password = body.password;
          user.log.push('updated');
          return HttpResponse.json(userView(user));
        }),
      ),
      http.delete(
        `${base}/users/:key`,
        guarded((users, _request, params) => {
          const gone = users.get(params.key!);
          if (!gone) return error(404, 'Usuário não encontrado');
          users.delete(gone.reference);
          this.releaseUsername(users, gone);
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.post(
        `${base}/users/:key/:verb`,
        guarded((users, _request, params) => {
          const user = users.get(params.key!);
          const rule = transitions[params.verb!];
          if (!rule) return error(404, 'Operação desconhecida');
          if (!user) return error(404, 'Usuário não encontrado');
          if (!rule.from.includes(user.status)) return error(409, `Usuário ${user.status} não pode ${params.verb}`);
          if (user.status !== rule.to) user.log.push(rule.to);
          user.status = rule.to;
          return HttpResponse.json(userView(user));
        }),
      ),
    ];
  }
}
