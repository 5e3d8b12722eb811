import { PartnerError } from '../../domain/ports/partner';
import type { NewPlatformUser, PlatformUser, SvaPackage, SvaPlatform } from '../../domain/sva/ports';
import type { SvaUserStatus } from '../../domain/sva/sva';
import { isText, listPage } from './paged-list';
import { partnerCall, rejection, type PartnerHttp, type PartnerResponse } from './partner-http';

/** What differs between the SVA platforms' REST contracts (docs/partners.md, "our contract"). */
export interface SvaRestDialect {
  readonly name: string;
  readonly baseUrl: string;
  readonly headers: Record<string, string>;
  /** The verb that ends a user's access for good: Saber+ deactivates, EXA cancels. */
  readonly endVerb: 'deactivate' | 'cancel';
  createBody(user: NewPlatformUser): Record<string, unknown>;
  /** A 200 whose body says it failed (docs/partners.md: a rejection, not a success). */
  isErrorBody(body: unknown): boolean;
}

const PLATFORM_STATUS: Readonly<Record<string, SvaUserStatus>> = {
  active: 'active',
  blocked: 'blocked',
  deactivated: 'deactivated',
  cancelled: 'deactivated',
};

function toPlatformUser(name: string, body: unknown): PlatformUser {
  const b = (body ?? {}) as Record<string, unknown>;
  const status = typeof b.status === 'string' ? PLATFORM_STATUS[b.status] : undefined;
  if (
    !isText(b.id) ||
    !isText(b.reference) ||
    !isText(b.username) ||
    !isText(b.document) ||
    !status ||
    !isText(b.packageCode) ||
    typeof b.mobilePhone !== 'string'
  ) {
    throw new PartnerError('retryable', `${name} answered with a user the adapter cannot read.`);
  }
  return {
    externalId: b.id,
    reference: b.reference,
    username: b.username,
    document: b.document,
    email: typeof b.email === 'string' && b.email !== '' ? b.email : null,
    status,
    packageCode: b.packageCode,
    mobilePhone: b.mobilePhone,
  };
}

/**
 * An SVA platform over HTTP, users addressed by Ponte's reference. Each operation is safe to
 * repeat: a create that finds its reference already there is a success, and so is deleting a
 * user that is gone.
 */
export function createSvaRestPlatform(http: PartnerHttp, dialect: SvaRestDialect): SvaPlatform {
  const call = async (method: string, path: string, body?: unknown): Promise<PartnerResponse> => {
    const response = await partnerCall(http, {
      method,
      url: `${dialect.baseUrl}${path}`,
      headers: dialect.headers,
      ...(body !== undefined ? { body } : {}),
    });
    if (response.status < 300 && dialect.isErrorBody(response.body)) {
      return { status: 422, body: response.body };
    }
    return response;
  };
  const userPath = (reference: string) => `/users/${encodeURIComponent(reference)}`;

  const platform: SvaPlatform = {
    async listPackages() {
      const response = await call('GET', '/packages');
      if (response.status !== 200) throw rejection(response, `${dialect.name} did not list its packages`);
      const packages = (response.body as { packages?: unknown } | null)?.packages;
      if (!Array.isArray(packages))
        throw new PartnerError('retryable', `${dialect.name} answered with a package list the adapter cannot read.`);
      return packages
        .filter(
          (p: unknown): p is SvaPackage =>
            isText((p as Partial<SvaPackage> | null)?.code) && isText((p as Partial<SvaPackage> | null)?.name),
        )
        .map((p) => ({ code: p.code, name: p.name }));
    },
    async getUser(reference) {
      const response = await call('GET', userPath(reference));
      if (response.status === 404) return null;
      if (response.status !== 200) throw rejection(response, `${dialect.name} did not show the user`);
      return toPlatformUser(dialect.name, response.body);
    },
    async createUser(user) {
      const response = await call('POST', '/users', dialect.createBody(user));
      if (response.status === 200 || response.status === 201)
        return { externalId: toPlatformUser(dialect.name, response.body).externalId };
      // A repeat of a create that already went through (its answer was lost) finds its reference there.
      const existing =
        response.status === 409 || response.status === 422 ? await platform.getUser(user.reference) : null;
      if (existing?.packageCode === user.packageCode) return { externalId: existing.externalId };
      throw rejection(response, `${dialect.name} did not create the user`);
    },
    blockUser: (reference) => command(reference, 'block'),
    unblockUser: (reference) => command(reference, 'unblock'),
    deactivateUser: (reference) => command(reference, dialect.endVerb),
    async updateUser(reference, changes) {
      const response = await call('PATCH', userPath(reference), {
        mobilePhone: changes.mobilePhone,
        packageCode: changes.packageCode,
        ...(changes.password !== null ? { password: changes.password } : {}),
      });
      if (response.status !== 200) throw rejection(response, `${dialect.name} did not update the user`);
    },
    async listUsers(page) {
      const list = { partner: dialect.name, path: '/users', items: 'users', item: 'user' };
      const { items, next } = await listPage(call, list, page, (user) => toPlatformUser(dialect.name, user));
      return { users: items, next };
    },
    async deleteUser(reference) {
      const response = await call('DELETE', userPath(reference));
      if (response.status !== 204 && response.status !== 200 && response.status !== 404)
        throw rejection(response, `${dialect.name} did not delete the user`);
    },
  };

  async function command(reference: string, verb: string) {
    const response = await call('POST', `${userPath(reference)}/${verb}`);
    if (response.status !== 200) throw rejection(response, `${dialect.name} did not ${verb} the user`);
  }

  return platform;
}
