import { ids, later, page } from '../example-story';

const sipLine = {
  id: ids.sipLine,
  contractId: ids.contract,
  extension: '4021',
  number: '+551132221000',
  status: 'active',
  blockedWithContract: false,
  passwordSet: true,
  syncStatus: 'synced',
  createdAt: later,
  updatedAt: later,
};

/** An example per named schema of the voip area, from the one story (src/app/http/example-story.ts). */
export const VOIP_EXAMPLES: Readonly<Record<string, unknown>> = {
  SipLine: sipLine,
  SipLinePage: page(sipLine),
  CreateSipLineRequest: { extension: '4021', number: '(11) 3222-1000', password: 'S3nh4-Ramal' },
  UpdateSipLineRequest: { status: 'blocked' },
};
