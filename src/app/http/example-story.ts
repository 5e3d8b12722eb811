/*
 * The story every example of the OpenAPI document tells: Maria Souza (a valid CPF, a São Paulo
 * mobile) signs a fibre contract with Saber+ and EXA on top. Ids are UUID v7 as Ponte makes them;
 * money is in BRL cents. Each area's examples (src/app/http/<area>/examples.ts) take their cast
 * from here; a test validates each example against its schema.
 */

export const ids = {
  customer: '0193a4f2-6c1e-7b3a-9f10-2d4c5e6f7a81',
  contract: '0193a4f2-7d02-7c11-8a22-3e5f6a7b8c92',
  fibre: '0193a4f1-1a00-7e01-9b33-4f6a7b8c9da3',
  exaProduct: '0193a4f1-2b11-7f12-8c44-5a7b8c9daeb4',
  item: '0193a4f2-8e13-7d22-9d55-6b8c9daebfc5',
  exa: '0193a4f0-9f24-7a33-8e66-7c9daebfc0d6',
  saber: '0193a4f0-a035-7b44-9f77-8daebfc0d1e7',
  svaUser: '0193a4f2-9f24-7e33-8a88-9ebfc0d1e2f8',
  event: '0193a4f3-0135-7f44-9b99-afc0d1e2f309',
  delivery: '0193a4f3-1246-7a55-8caa-b0d1e2f3041a',
  apiKey: '0193a4ef-2357-7b66-9dbb-c1e2f304152b',
  voipProduct: '0193a4f1-3c22-7a23-8d66-6b8c9daebfc7',
  settingsChange: '0193a4f4-2357-7b66-9dcc-d2f304152b3c',
  sipLine: '0193a4f5-3468-7c77-8edd-e304152b3c4d',
  mvnoLine: '0193a4f6-4579-7d88-9fee-f4152b3c4d5e',
  charge: '0193a4f7-568a-7e99-8aff-052b3c4d5e6f',
  payment: '0193a4f7-679b-7faa-9b00-163c4d5e6f70',
  policyChange: '0193a4f8-78ac-7abb-8c11-274d5e6f7081',
  overdueRun: '0193a4f9-89bd-7bcc-9d22-385e6f708192',
  summit: '0193a4fa-9ace-7cdd-8e33-496f708192a3',
  stfcService: '0193a4fb-abdf-7dee-9f44-5a708192a3b4',
  stfcItem: '0193a4fb-bce0-7eff-8a55-6b8192a3b4c5',
  oneOffValue: '0193a4fc-cdf1-7a00-9b66-7c92a3b4c5d6',
  zeroBilling: '0193a4fd-de02-7b11-8c77-8da3b4c5d6e7',
  batch: '0193a4fe-ef13-7c22-9d88-9eb4c5d6e7f8',
  batchItem: '0193a4fe-f024-7d33-8e99-afc5d6e7f809',
  callRecord: '0193a4ff-0135-7e44-9faa-b0d6e7f8091a',
} as const;

export const at = '2026-11-23T14:30:00.000Z';

export const later = '2026-11-23T14:31:05.000Z';

export const contract = {
  id: ids.contract,
  customerId: ids.customer,
  description: 'Fibra 500 Mega — Av. Paulista, 1578',
  billingDay: 10,
  status: 'active',
  accessStatus: 'active',
  allowedEvents: ['report_late_payment', 'block', 'cancel', 'withdraw'],
  negativable: true,
  version: 2,
  activatedAt: later,
  blockedAt: null,
  endedAt: null,
  trustReleaseEndsOn: null,
  trustReleasedAt: null,
  approved: true,
  approvedAt: later,
  billingStart: '2026-11-01',
  billingEnd: null,
  createdAt: at,
  updatedAt: later,
};

export const exaProduct = {
  id: ids.exaProduct,
  name: 'EXA Segurança',
  type: 'sva',
  priceCents: 990,
  svaIntegrationId: ids.exa,
  svaPackage: 'EXA-SEG-BASICO',
  createdAt: at,
  updatedAt: at,
};

export const page = (item: unknown) => ({ items: [item], nextCursor: null });
