import { makeAgentStream, makeAgentStreamActivity, makeReceivePbxEvents } from './call-events';
import {
  makeAttachCallCustomer,
  makeCallCommand,
  makeClickToCall,
  makeCreateCallContact,
  makeGetCall,
  makeGetCallRecording,
  makeGetContact,
  makeListCalls,
  makePlayCallRecording,
  makeUpdateContact,
} from './calls';
import {
  makeCreateAgent,
  makeCreatePbx,
  makeCreateTrafficSource,
  makeDeleteAgent,
  makeDeletePbx,
  makeExtensionStatus,
  makeGetAgent,
  makeGetPbx,
  makeListAgents,
  makeListPbxs,
  makeListTrafficSources,
  makeTestPbx,
  makeUpdateAgent,
  makeUpdatePbx,
} from './pbx';
import type { UseCaseDeps } from '../deps';

/** The use cases of the pbx area: what its routes call. */
export function pbxUseCases(deps: UseCaseDeps) {
  return {
    createPbx: makeCreatePbx(deps),
    updatePbx: makeUpdatePbx(deps),
    getPbx: makeGetPbx(deps),
    listPbxs: makeListPbxs(deps),
    deletePbx: makeDeletePbx(deps),
    testPbx: makeTestPbx(deps),
    createAgent: makeCreateAgent(deps),
    updateAgent: makeUpdateAgent(deps),
    getAgent: makeGetAgent(deps),
    listAgents: makeListAgents(deps),
    deleteAgent: makeDeleteAgent(deps),
    extensionStatus: makeExtensionStatus(deps),
    createTrafficSource: makeCreateTrafficSource(deps),
    listTrafficSources: makeListTrafficSources(deps),
    receivePbxEvents: makeReceivePbxEvents(deps),
    getCall: makeGetCall(deps),
    listCalls: makeListCalls(deps),
    clickToCall: makeClickToCall(deps),
    callCommand: makeCallCommand(deps),
    attachCallCustomer: makeAttachCallCustomer(deps),
    createCallContact: makeCreateCallContact(deps),
    getContact: makeGetContact(deps),
    updateContact: makeUpdateContact(deps),
    agentStream: makeAgentStream(deps),
    agentStreamActivity: makeAgentStreamActivity(deps),
    getCallRecording: makeGetCallRecording(deps),
    playCallRecording: makePlayCallRecording(deps),
  };
}

export type PbxUseCases = ReturnType<typeof pbxUseCases>;
