import { ids } from '../example-story';

const notice = {
  code: 'SVA_AUTO_CREATE_SKIPPED',
  message: 'No EXA user was created for this product: the customer record lacks an e-mail.',
  productId: ids.exaProduct,
  reason: 'SVA_USER_MISSING_DATA',
  missingFields: ['customer/email'],
};

/** An example per named schema of the operations area, from the one story (src/app/http/example-story.ts). */
export const OPERATIONS_EXAMPLES: Readonly<Record<string, unknown>> = {
  Health: { status: 'ready' },
  MetricsExposition: [
    '# HELP ponte_outbox_pending Partner deliveries waiting to be carried out (due now or later), by target kind.',
    '# TYPE ponte_outbox_pending gauge',
    'ponte_outbox_pending{target_kind="sva_user"} 3',
    'ponte_outbox_pending{target_kind="sip_line"} 0',
    '',
  ].join('\n'),
  Notice: notice,
  Problem: {
    type: '/problems/customer-document-taken',
    title: 'Conflict',
    status: 409,
    detail: `Customer ${ids.customer} already has this document.`,
    code: 'CUSTOMER_DOCUMENT_TAKEN',
    errors: [{ field: 'document', message: 'Already in use.' }],
    existingId: ids.customer,
  },
};
