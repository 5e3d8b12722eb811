import { Type } from 'typebox';
import { SIP_LINE_STATUSES } from '../../../domain/voip/sip-line';
import type { SipLineView as SipLineValue } from '../../use-cases/voip/lines';
import { Id, PageQuery, StringEnum, Text, Timestamp } from '../common';

const Password = Type.String({
  minLength: 4,
  maxLength: 100,
  pattern: '^[^\\s\\u0000-\\u001F\\u007F]+$',
  writeOnly: true,
  description:
    'The SIP password. Write-only: sealed, sent to the softswitch, never returned. Required when voip.sipPasswordRequired is on.',
});
const Extension = Type.String({ pattern: '^[0-9]{2,10}$', description: 'The extension (ramal): 2 to 10 digits.' });

export const CreateSipLineBody = Type.Object(
  {
    extension: Extension,
    number: Text({
      minLength: 8,
      maxLength: 25,
      description: 'The phone number, any usual Brazilian form; stored as E.164.',
    }),
    password: Type.Optional(Password),
  },
  { title: 'CreateSipLineRequest', additionalProperties: false },
);

export const UpdateSipLineBody = Type.Object(
  {
    password: Type.Optional(Password),
    status: Type.Optional(
      StringEnum(['active', 'blocked'] as const, {
        description: 'Block or release the line by hand (DELETE removes it).',
      }),
    ),
  },
  { title: 'UpdateSipLineRequest', additionalProperties: false, minProperties: 1 },
);

export const SipLineQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const SipLineView = Type.Object(
  {
    id: Id,
    contractId: Id,
    extension: Type.String(),
    number: Type.String({ description: 'E.164, e.g. +551132221000.' }),
    status: StringEnum(SIP_LINE_STATUSES, {
      description: 'active, blocked or cancelled, in Ponte; the softswitch follows through the deliveries.',
    }),
    blockedWithContract: Type.Boolean({
      description:
        'Blocked because its contract was blocked (with voip.blockLinesWithContract on): released with the contract whatever the setting says by then. A line blocked by hand is false and stays blocked until released by hand.',
    }),
    passwordSet: Type.Boolean(),
    syncStatus: StringEnum(['synced', 'pending', 'failed'] as const, {
      description: 'synced: the softswitch matches; pending: deliveries on their way; failed: a delivery is dead.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'SipLine', description: 'A SIP line (ramal SIP) of a contract on the softswitch.' },
);

export const sipLineView = (line: SipLineValue) => ({
  id: line.id,
  contractId: line.contractId,
  extension: line.extension,
  number: line.number,
  status: line.status,
  blockedWithContract: line.blockedWithContract,
  passwordSet: line.passwordSet,
  syncStatus: line.syncStatus,
  createdAt: line.createdAt.toISOString(),
  updatedAt: line.updatedAt.toISOString(),
});
