import { Type } from 'typebox';
import {
  DELIVERY_STATUSES,
  FAILURE_KINDS,
  TARGET_KINDS,
  type Delivery,
  type DeliveryDetail,
} from '../../../domain/deliveries/delivery';
import { SVA_ACTIONS, SVA_PLATFORMS } from '../../../domain/sva/sva';
import { MVNO_LINE_ACTIONS } from '../../../domain/mvno/mvno-line';
import { SIP_LINE_ACTIONS } from '../../../domain/voip/sip-line';
import { BUREAUS } from '../../../domain/credit/credit';
import { Id, Nullable, PageQuery, StringEnum, Timestamp } from '../common';
import type { IntegrationPause } from '../../use-cases/deliveries/deliveries';

const TargetKindSchema = StringEnum(
  TARGET_KINDS.filter((kind) => kind !== 'webhook'),
  {
    description:
      'What the effect acts on: sva_user (an SVA platform user), sip_line (a SIP line on the softswitch), mvno_line (a TeleCall line), stfc_service (a Summit telephony service), stfc_billing (one contract of a billing batch) negativation (a debt at a credit bureau) or notification (a message to a customer through Opa! Suite). Webhook deliveries are in each endpoint’s log (GET /v1/webhook-endpoints/{id}/deliveries).',
  },
);
const PLATFORMS = [...SVA_PLATFORMS, 'voip', 'telecall', 'summit', ...BUREAUS, 'opa_suite'] as const;
const ACTIONS = [
  ...new Set([
    ...SVA_ACTIONS,
    ...SIP_LINE_ACTIONS,
    ...MVNO_LINE_ACTIONS,
    'provision_line',
    'bill_contract',
    'register_debt',
    'remove_debt',
    'send_template',
  ]),
] as [string, ...string[]];
const Platform = StringEnum(PLATFORMS, {
  description:
    'saber_plus, exa (SVA), voip (the softswitch), telecall (MVNO), summit (STFC), a credit bureau (serasa, spc, boa_vista, quod) or opa_suite (notifications).',
});

export const DeliveryQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(
      StringEnum(DELIVERY_STATUSES, { description: 'dead = integration error waiting for an operator.' }),
    ),
    platform: Type.Optional(Platform),
    contractId: Type.Optional(Id),
    targetKind: Type.Optional(TargetKindSchema),
    targetId: Type.Optional(Id),
    svaUserId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const DeliveryView = Type.Object(
  {
    id: Id,
    targetKind: TargetKindSchema,
    targetId: Type.String({
      format: 'uuid',
      description: 'The id of what the effect acts on (the SVA user, the SIP line…).',
    }),
    platform: Platform,
    integrationId: Nullable(Id),
    contractId: Nullable(Id),
    svaUserId: Nullable(
      Type.String({ format: 'uuid', description: 'The SVA user, when the target is one (targetKind sva_user).' }),
    ),
    action: StringEnum(ACTIONS),
    status: StringEnum(DELIVERY_STATUSES),
    attempts: Type.Integer(),
    nextAttemptAt: Timestamp,
    lastError: Nullable(Type.Object({ kind: StringEnum(FAILURE_KINDS), message: Type.String(), at: Timestamp })),
    createdAt: Timestamp,
    completedAt: Nullable(Timestamp),
    paused: Nullable(
      Type.Object(
        {
          until: Timestamp,
          reason: Nullable(Type.String({ description: "The partner's answer that paused it (a 429 or 503)." })),
        },
        {
          additionalProperties: false,
          description:
            'Set on a pending delivery whose integration its partner paused (429 or 503 with Retry-After): it waits until then, with every other call to that integration (see GET /v1/integration-limits/{id}).',
        },
      ),
    ),
  },
  { title: 'IntegrationDelivery', description: 'One partner effect of a change in Ponte, and how its delivery went.' },
);

export const DeliveryAttemptView = Type.Object(
  {
    attempt: Type.Integer({
      minimum: 1,
      description: 'Its number: the first try is 1; numbers keep growing across operator retries.',
    }),
    at: Timestamp,
    outcome: StringEnum(['succeeded', ...FAILURE_KINDS] as const, {
      description: '`succeeded`, or how it failed: `retryable`, `rejected` or `auth`.',
    }),
    message: Nullable(Type.String({ description: 'What the platform answered, for a failure.' })),
  },
  { title: 'DeliveryAttempt', description: 'One try of a delivery and how it ended.' },
);

export const DeliveryDetailView = Type.Object(
  {
    ...DeliveryView.properties,
    attemptHistory: Type.Array(DeliveryAttemptView, {
      description: 'Every attempt, oldest first. An attempt cut short by a crash leaves its number without a line.',
    }),
  },
  { title: 'IntegrationDeliveryDetail', description: 'A partner delivery with every attempt it took.' },
);

interface Paused {
  readonly paused: IntegrationPause;
}

export const deliveryDetailView = (d: DeliveryDetail & Paused) => ({
  ...deliveryView(d),
  attemptHistory: d.attemptHistory.map((a) => ({ ...a, at: a.at.toISOString() })),
});

export const deliveryView = ({ target, paused, ...d }: Delivery & Paused) => ({
  ...d,
  platform: d.platform as (typeof PLATFORMS)[number],
  action: d.action,
  targetKind: target.kind,
  targetId: target.id,
  svaUserId: target.kind === 'sva_user' ? target.id : null,
  nextAttemptAt: d.nextAttemptAt.toISOString(),
  lastError: d.lastError ? { ...d.lastError, at: d.lastError.at.toISOString() } : null,
  createdAt: d.createdAt.toISOString(),
  completedAt: d.completedAt?.toISOString() ?? null,
  paused: paused ? { until: paused.until.toISOString(), reason: paused.reason } : null,
});
