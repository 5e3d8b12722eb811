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
  digitro: { required: ['address', 'port', 'account', 'route', 'apiKey'], allowed: ['address', 'port', 'account', 'route', 'apiKey', 'easyCallRecord'] },
  // Seed 004: IP or http:// URL with its path, and the port; "os demais campos não precisam ser preenchidos".
  planetfone: { required: ['address', 'port'], allowed: ['address', 'port'] },
  forip: { required: ['address', 'port'], allowed: ['address', 'port'] },
  asterisk: { required: ['ariUrl', 'username', 'password'], allowed: ['ariUrl', 'username', 'password'] },
};

const ADDRESS = /^(?:(?:\d{1,3}\.){3}\d{1,3}|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/;

/**
 * Which fields a PBX of this type takes (seed 004), given the fields it will have once the request
 * applies: the required ones present, no field of another type. Planetfone and ForIP take an IP or
 * an http:// URL with its path; Dígitro an IP or host name.
 */
export function pbxFieldProblems(type: PbxType, fields: PbxFields): FieldError[] {
  const { required, allowed } = FIELDS[type];
  const errors: FieldError[] = [];
  for (const field of Object.keys(fields) as (keyof PbxFields)[]) {
    if (fields[field] !== undefined && fields[field] !== null && !allowed.includes(field)) errors.push({ field, message: `A ${type} PBX does not take ${field}.` });
  }
  for (const field of required) if (fields[field] === undefined || fields[field] === null) errors.push({ field, message: `Required for a ${type} PBX.` });
  const address = fields.address;
  if (typeof address === 'string') {
    const ok = type === 'digitro' ? ADDRESS.test(address) : ADDRESS.test(address) || HTTP_URL.test(address);
    if (!ok) errors.push({ field: 'address', message: type === 'digitro' ? 'An IP or a host name.' : 'An IP, or an http:// URL with its path (http://pf.central.com.br).' });
  }
  if (typeof fields.ariUrl === 'string' && !HTTP_URL.test(fields.ariUrl)) errors.push({ field: 'ariUrl', message: 'ARI\'s base URL, http(s)://host:8088/ari.' });
  return errors;
}
