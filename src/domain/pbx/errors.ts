import type { ErrorRecords } from '../shared/error-record';

/** The PBX area (PBXs, agents, calls): its error codes, the HTTP status each answers with, and what it means. */
export const PBX_ERRORS = {
  PBX_NOT_FOUND: { status: 404, meaning: 'No PBX has this id.' },
  AGENT_NOT_FOUND: { status: 404, meaning: 'No agent has this id.' },
  CALL_NOT_FOUND: { status: 404, meaning: 'No call has this id.' },
  RECORDING_NOT_FOUND: { status: 404, meaning: 'The PBX holds no recording of this call.' },
  CONTACT_NOT_FOUND: { status: 404, meaning: 'No contact has this id.' },
  PBX_MODULE_DISABLED: { status: 409, meaning: 'The PBX integration is off (settings pbx.enabled).' },
  PBX_IN_USE: { status: 409, meaning: 'Agents or calls belong to this PBX: deactivate it instead.' },
  PBX_INACTIVE: { status: 409, meaning: "The agent's PBX is not active." },
  PBX_COMMAND_NOT_SUPPORTED: {
    status: 409,
    meaning: "This type of PBX does not take this call command; the PBX's `commands` lists those it does.",
  },
  AGENT_EXTENSION_TAKEN: { status: 409, meaning: 'Another agent has this extension on this PBX.' },
  TRAFFIC_SOURCE_DDR_TAKEN: { status: 409, meaning: 'Another traffic source has this DDR.' },
  TRAFFIC_SOURCE_FIXED: {
    status: 409,
    meaning: 'The traffic source was set by the DDR the customer dialed and cannot be changed.',
  },
  CALL_HAS_CONTACT: { status: 409, meaning: 'This call has a contact already (at most one per call).' },
  CALL_ENDED: { status: 409, meaning: 'The call has ended.' },
  RECORDING_NOT_READY: {
    status: 409,
    meaning: 'The recording is not ready: the call goes on, or the PBX is still storing it.',
  },
  CALL_NUMBER_UNKNOWN: { status: 409, meaning: 'The call has no phone number to attach.' },
  CUSTOMER_PHONE_MISSING: { status: 422, meaning: 'The customer has no such phone.' },
  UNKNOWN_PBX: { status: 422, meaning: 'The PBX named in the body does not exist.' },
  UNKNOWN_AGENT: { status: 422, meaning: 'The agent named in the body does not exist.' },
  UNKNOWN_TRAFFIC_SOURCE: { status: 422, meaning: 'The traffic source named in the body does not exist.' },
  TOO_MANY_STREAMS: {
    status: 429,
    meaning:
      'This API key holds as many open streams on this Ponte process as it may (STREAMS_PER_KEY); close one first.',
  },
} as const satisfies ErrorRecords;
