import type { FieldError } from '../shared/result';

/** Seed 004's PBXs, and Asterisk, the open reference (Planetfone runs on it). */
export const PBX_TYPES = ['digitro', 'planetfone', 'forip', 'asterisk'] as const;
export type PbxType = (typeof PBX_TYPES)[number];

/** Dígitro's EasyCall Record module, filled only when it is contracted. */
export interface EasyCallRecord {
  readonly address: string;
  readonly port: number;
  readonly username: string;
}

export interface Pbx {
  readonly id: string;
  readonly type: PbxType;
  readonly description: string | null;
  /** Dígitro: IP or host; Planetfone, ForIP: IP or http:// URL with its path. */
  readonly address: string | null;
  readonly port: number | null;
  /** Dígitro only. */
  readonly account: string | null;
  readonly route: string | null;
  readonly easyCallRecord: EasyCallRecord | null;
  /** Asterisk only: ARI's base URL (http://host:8088/ari) and its user. */
  readonly ariUrl: string | null;
  readonly username: string | null;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a PBX's credentials hold (sealed): Dígitro's API key and EasyCall Record password, Asterisk's ARI password. */
export interface PbxCredentials {
  readonly apiKey?: string;
  readonly recordPassword?: string;
  readonly password?: string;
}

/** The fields a request may set, by name. */
export interface PbxFields {
  readonly address?: string | null;
  readonly port?: number | null;
  readonly account?: string | null;
  readonly route?: string | null;
  readonly apiKey?: string;
  readonly easyCallRecord?: (EasyCallRecord & { readonly password: string }) | null;
  readonly ariUrl?: string | null;
  readonly username?: string | null;
  readonly password?: string;
}

const FIELDS: Record<PbxType, { required: readonly (keyof PbxFields)[]; allowed: readonly (keyof PbxFields)[] }> = {
  // Seed 004: "IP/Endereço", "Porta", "Conta" e "Rota"; EasyCall Record only when contracted.
  digitro: {
    required: ['address', 'port', 'account', 'route', 'apiKey'],
    allowed: ['address', 'port', 'account', 'route', 'apiKey', 'easyCallRecord'],
  },
  // Seed 004: IP or http:// URL with its path, and the port; "os demais campos não precisam ser preenchidos".
  planetfone: { required: ['address', 'port'], allowed: ['address', 'port'] },
  forip: { required: ['address', 'port'], allowed: ['address', 'port'] },
  asterisk: { required: ['ariUrl', 'username', 'password'], allowed: ['ariUrl', 'username', 'password'] },
};

const HOST =
  /^(?:(?:\d{1,3}\.){3}\d{1,3}|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/;

const isAddress = (address: string) => HOST.test(address) || HTTP_URL.test(address);
const ADDRESS_MESSAGE =
  'An IP or host name (called over http), or an http(s):// URL with its path (https://pf.central.com.br).';

/**
 * The base URL of a service at a PBX's address: an IP or host name is called over http at the
 * port; a URL keeps its scheme and path, the port added when it names none. An https URL is how
 * a PBX that offers TLS is reached (and how it passes the partner address rules in production).
 */
export function serviceBase(address: string, port: number | null): string {
  if (!/^https?:\/\//i.test(address)) return `http://${address}:${port}`;
  const url = new URL(address);
  if (!url.port && port) url.port = String(port);
  return url.toString().replace(/\/+$/, '');
}

/** Every address Ponte calls for a PBX with these fields, by the field it comes from. */
export function pbxAddresses(fields: PbxFields): { field: string; url: string }[] {
  const addresses: { field: string; url: string }[] = [];
  if (typeof fields.address === 'string')
    addresses.push({ field: 'address', url: serviceBase(fields.address, fields.port ?? null) });
  if (fields.easyCallRecord)
    addresses.push({
      field: 'easyCallRecord.address',
      url: serviceBase(fields.easyCallRecord.address, fields.easyCallRecord.port),
    });
  if (typeof fields.ariUrl === 'string') addresses.push({ field: 'ariUrl', url: fields.ariUrl });
  return addresses;
}

/**
 * Which fields a PBX of this type takes (seed 004), given the fields it will have once the request
 * applies: the required ones present, no field of another type. Addresses are an IP or host name,
 * or an http(s):// URL with its path (seed 004 names an IP or URL for Planetfone and ForIP; a
 * Dígitro that offers https is reached the same way).
 */
export function pbxFieldProblems(type: PbxType, fields: PbxFields): FieldError[] {
  const { required, allowed } = FIELDS[type];
  const errors: FieldError[] = [];
  for (const field of Object.keys(fields) as (keyof PbxFields)[]) {
    if (fields[field] !== undefined && fields[field] !== null && !allowed.includes(field))
      errors.push({ field, message: `A ${type} PBX does not take ${field}.` });
  }
  for (const field of required)
    if (fields[field] === undefined || fields[field] === null)
      errors.push({ field, message: `Required for a ${type} PBX.` });
  const address = fields.address;
  if (typeof address === 'string' && !isAddress(address)) errors.push({ field: 'address', message: ADDRESS_MESSAGE });
  const record = fields.easyCallRecord;
  if (record && !isAddress(record.address)) errors.push({ field: 'easyCallRecord.address', message: ADDRESS_MESSAGE });
  if (typeof fields.ariUrl === 'string' && !HTTP_URL.test(fields.ariUrl))
    errors.push({ field: 'ariUrl', message: "ARI's base URL, http(s)://host:8088/ari." });
  return errors;
}
