import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where partner calls may go (docs/security.md). Outside embedded/sandbox mode a partner URL must
 * be https and must not lead to loopback, private, link-local (cloud metadata included) or
 * otherwise internal addresses, unless its host is on the allowlist (PARTNER_ALLOWED_HOSTS), which
 * also lets it use plain http (a PBX on the provider's own network). Checked when an integration
 * is saved, and again on every connection (DNS can change).
 */
export interface PartnerAddressPolicy {
  /** False in embedded/sandbox mode: the sandbox itself lives on loopback. */
  readonly restricted: boolean;
  readonly allowedHosts: readonly string[];
}

const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is one a partner platform cannot have (IPv4-mapped IPv6 included). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  const family = isIP(address);
  return family === 0 ? true : INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export const FORBIDDEN_ADDRESS = 'ERR_PARTNER_ADDRESS_FORBIDDEN';

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
const allowed = (policy: PartnerAddressPolicy, host: string) =>
  !policy.restricted || policy.allowedHosts.includes(host);

/** Why a URL cannot be a partner's, from what it says itself (scheme, literal address); null when it can. */
export function urlProblem(policy: PartnerAddressPolicy, raw: string): string | null {
  if (!policy.restricted) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The URL is not valid.';
  }
  const host = hostOf(url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed(policy, host)))
    return 'Partner URLs must use https (http only for a host listed in PARTNER_ALLOWED_HOSTS).';
  if (url.username || url.password) return 'Partner URLs cannot carry credentials.';
  if (!allowed(policy, host) && isIP(host) !== 0 && isInternalAddress(host))
    return 'The URL leads to an internal address (loopback, private, link-local or metadata).';
  return null;
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, addresses) => resolve(error ? [] : addresses)),
  );

/** `urlProblem`, plus where the host name resolves now (a name that does not resolve yet is let through: the connection is checked again). */
export async function resolvedUrlProblem(policy: PartnerAddressPolicy, raw: string): Promise<string | null> {
  const problem = urlProblem(policy, raw);
  if (problem || !policy.restricted) return problem;
  const host = hostOf(new URL(raw));
  if (allowed(policy, host) || isIP(host) !== 0) return null;
  return (await resolveAll(host)).some((a) => isInternalAddress(a.address))
    ? 'The URL leads to an internal address (loopback, private, link-local or metadata).'
    : null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for the connection: the same resolution, refused when it leads somewhere internal. */
export function guardedLookup(policy: PartnerAddressPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!allowed(policy, hostname.toLowerCase()) && addresses.some((a) => isInternalAddress(a.address))) {
        return callback(
          Object.assign(new Error('The partner address is not allowed.'), { code: FORBIDDEN_ADDRESS }),
          [],
        );
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
