import { ids, later, page } from '../example-story';

const mvnoLine = {
  id: ids.mvnoLine,
  contractId: ids.contract,
  msisdn: '+5511987654321',
  iccid: '8955101000000000005',
  plan: 'TELECALL-10GB',
  status: 'active',
  syncStatus: 'synced',
  createdAt: later,
  updatedAt: later,
};

/** An example per named schema of the mvno area, from the one story (src/app/http/example-story.ts). */
export const MVNO_EXAMPLES: Readonly<Record<string, unknown>> = {
  MvnoLine: mvnoLine,
  MvnoLinePage: page(mvnoLine),
  CreateMvnoLineRequest: { msisdn: '(11) 98765-4321', iccid: '8955101000000000005', plan: 'TELECALL-10GB' },
  UpdateMvnoLineRequest: { status: 'blocked_partial' },
};
