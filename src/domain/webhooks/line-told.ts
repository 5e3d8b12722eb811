import type { Told } from '../deliveries/target-call';

/** A phone line's move, told alike for a SIP line and a TeleCall line (docs/webhooks.md, `line.status_changed`). */
export const lineTold = <F extends string>(
  kind: 'sip' | 'mvno',
  fields: { readonly id: F; readonly contractId: F; readonly number: F },
): Told<F> => ({
  type: 'line.status_changed',
  resourceKind: 'line',
  name: 'line',
  fields: {
    id: { field: fields.id },
    kind: { text: kind },
    contractId: { field: fields.contractId },
    number: { field: fields.number },
  },
});
