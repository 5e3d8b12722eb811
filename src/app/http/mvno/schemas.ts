import { Type } from 'typebox';
import { MVNO_LINE_STATUSES } from '../../../domain/mvno/mvno-line';
import type { MvnoLineView as MvnoLineValue } from '../../use-cases/mvno/lines';
import { Id, PageQuery, StringEnum, Text, Timestamp } from '../common';

const Plan = Text({ minLength: 1, maxLength: 64, description: "TeleCall's plan code." });

export const CreateMvnoLineBody = Type.Object(
  {
    msisdn: Text({
      minLength: 8,
      maxLength: 25,
      description: 'The mobile number, any usual Brazilian form; stored as E.164.',
    }),
    iccid: Type.String({
      pattern: '^[0-9]{19,20}$',
      description: 'The SIM card: 19 or 20 digits, the last a Luhn check digit.',
    }),
    plan: Plan,
  },
  { title: 'CreateMvnoLineRequest', additionalProperties: false },
);

export const UpdateMvnoLineBody = Type.Object(
  {
    plan: Type.Optional(Plan),
    status: Type.Optional(
      StringEnum(['active', 'blocked_partial', 'blocked_total'] as const, {
        description: 'Block (partially or totally) or release the line by hand; DELETE cancels it.',
      }),
    ),
  },
  { title: 'UpdateMvnoLineRequest', additionalProperties: false, minProperties: 1 },
);

export const MvnoLineQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const MvnoLineView = Type.Object(
  {
    id: Id,
    contractId: Id,
    msisdn: Type.String({ description: 'E.164, e.g. +5511987654321.' }),
    iccid: Type.String(),
    plan: Type.String(),
    status: StringEnum(MVNO_LINE_STATUSES, {
      description: 'pending (TeleCall is activating it), active, blocked_partial, blocked_total or cancelled.',
    }),
    syncStatus: StringEnum(['synced', 'pending', 'failed'] as const, {
      description: 'synced: TeleCall matches; pending: deliveries on their way; failed: a delivery is dead.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'MvnoLine', description: 'A TeleCall mobile line (MVNO) of a contract.' },
);

export const mvnoLineView = (line: MvnoLineValue) => ({
  id: line.id,
  contractId: line.contractId,
  msisdn: line.msisdn,
  iccid: line.iccid,
  plan: line.plan,
  status: line.status,
  syncStatus: line.syncStatus,
  createdAt: line.createdAt.toISOString(),
  updatedAt: line.updatedAt.toISOString(),
});
