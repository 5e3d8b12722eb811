import { parsePhone } from '../../../domain/customers/phone';
import { records, supports, type CallCommand } from '../../../domain/pbx/capabilities';
import type { Call, Contact, CustomerMatch } from '../../../domain/pbx/records';
import type { CallFilter } from '../../../domain/pbx/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { pacedCall } from '../deliveries/paced-calls';
import { partnerFailure } from '../partners';
import { pbxLimits, pbxModuleOn } from './pbx';
import { applyCallEvents, otherParty } from './call-events';

/** A call with the customers its number belongs to (seed 004: several are all listed). */
export interface CallView {
  readonly call: Call;
  readonly matches: readonly CustomerMatch[];
}

async function withMatches(repos: Pick<Repositories, 'pbx'>, call: Call): Promise<CallView> {
  const number = otherParty(call);
  return { call, matches: number?.startsWith('+55') ? await repos.pbx.customersByPhone(number) : [] };
}

export function makeGetCall({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<CallView>> => {
    const on = await pbxModuleOn(store);
    if (!on.ok) return on;
    const call = await store.pbx.findCall(id);
    return call ? ok(await withMatches(store, call)) : fail('CALL_NOT_FOUND', 'Call not found.');
  };
}

export function makeListCalls({ store }: UseCaseDeps) {
  return async (filter: CallFilter & { numberAsWritten?: string }, page: PageRequest): Promise<Result<Page<Call>>> => {
    const on = await pbxModuleOn(store);
    if (!on.ok) return on;
    const { numberAsWritten, ...rest } = filter;
    let number: string | undefined;
    if (numberAsWritten !== undefined) {
      const parsed = parsePhone(numberAsWritten);
      number = parsed.ok ? parsed.value : numberAsWritten.replace(/\s/g, '');
    }
    return ok(await store.pbx.listCalls({ ...rest, ...(number ? { number } : {}) }, page));
  };
}

export type ClickToCallInput = { readonly agentId: string } & (
  { readonly to: string } | { readonly customerId: string; readonly phone: string }
);

/**
 * Click-to-call (seed 004): the agent's extension rings first, then the number — any valid number,
 * or one of a customer's phones (`mobile`, `other` for the first other phone, or `phones/N`). The
 * PBX is asked now; the call is then followed by its events.
 */
export function makeClickToCall(deps: UseCaseDeps) {
  return async (input: ClickToCallInput): Promise<Result<CallView>> => {
    const on = await pbxModuleOn(deps.store);
    if (!on.ok) return on;
    const agent = await deps.store.pbx.findAgent(input.agentId);
    if (!agent)
      return fail('UNKNOWN_AGENT', 'No agent has this id.', [{ field: 'agentId', message: 'No agent has this id.' }]);
    let to: string;
    let customerId: string | null = null;
    if ('to' in input) {
      const parsed = parsePhone(input.to);
      if (!parsed.ok)
        return fail('INVALID_PHONE', 'The number to call is not a Brazilian phone number.', [
          { field: 'to', message: parsed.error.message },
        ]);
      to = parsed.value;
    } else {
      const customer = await deps.store.customers.findById(input.customerId);
      if (!customer)
        return fail('UNKNOWN_CUSTOMER', 'Customer not found.', [
          { field: 'customerId', message: 'No customer has this id.' },
        ]);
      const index =
        input.phone === 'other'
          ? 0
          : /^phones\/\d+$/.test(input.phone)
            ? Number(input.phone.slice('phones/'.length))
            : null;
      const phone =
        input.phone === 'mobile' ? customer.mobilePhone : index !== null ? (customer.phones[index] ?? null) : null;
      if (!phone)
        return fail('CUSTOMER_PHONE_MISSING', `The customer has no ${input.phone} phone.`, [
          { field: 'phone', message: 'The customer has no such phone.' },
        ]);
      to = phone;
      customerId = customer.id;
    }
    const pbx = (await deps.store.pbx.findPbx(agent.pbxId))!;
    if (!pbx.active) return fail('PBX_INACTIVE', "The agent's PBX is not active.");
    const reference = deps.ids.next();
    let callId: string;
    try {
      ({ callId } = await pacedCall(deps, pbxLimits(pbx), () =>
        deps.pbxFor(pbx).originate({ extension: agent.extension, to, reference }),
      ));
    } catch (error) {
      return partnerFailure(error);
    }
    const id = await deps.store.transaction(async (repos) => {
      const made = await applyCallEvents(
        repos,
        deps,
        pbx.id,
        [
          {
            callId,
            type: 'ringing',
            direction: 'outbound',
            from: agent.extension,
            to,
            did: null,
            extension: agent.extension,
            at: deps.clock.now(),
          },
        ],
        agent.id,
      );
      if (made && customerId) await repos.pbx.attachCustomer(made, customerId, deps.clock.now());
      return made;
    });
    if (id === null) return fail('PBX_NOT_FOUND', 'PBX not found.');
    return ok(await withMatches(deps.store, (await deps.store.pbx.findCall(id))!));
  };
}

/** A command on a call, where its PBX supports it (the capability table); refused naming the PBX type otherwise. */
export function makeCallCommand(deps: UseCaseDeps) {
  return async (id: string, command: CallCommand, args: { to?: string } = {}): Promise<Result<CallView>> => {
    const on = await pbxModuleOn(deps.store);
    if (!on.ok) return on;
    const call = await deps.store.pbx.findCall(id);
    if (!call) return fail('CALL_NOT_FOUND', 'Call not found.');
    const pbx = (await deps.store.pbx.findPbx(call.pbxId))!;
    if (!supports(pbx.type, command))
      return fail('PBX_COMMAND_NOT_SUPPORTED', `A ${pbx.type} PBX does not support '${command}'.`);
    if (call.state === 'ended') return fail('CALL_ENDED', 'The call has ended.');
    try {
      await pacedCall(deps, pbxLimits(pbx), () => deps.pbxFor(pbx).command(call.externalId, command, args));
    } catch (error) {
      return partnerFailure(error);
    }
    return ok(await withMatches(deps.store, call));
  };
}

/** A PBX may take a while to store a call's recording: until then, it is not ready rather than missing. */
const RECORDING_GRACE_MS = 10 * 60_000;

/** A call of a PBX that records, for its recording. */
async function recordedCall(deps: UseCaseDeps, id: string) {
  const on = await pbxModuleOn(deps.store);
  if (!on.ok) return on;
  const call = await deps.store.pbx.findCall(id);
  if (!call) return fail('CALL_NOT_FOUND', 'Call not found.');
  const pbx = (await deps.store.pbx.findPbx(call.pbxId))!;
  if (!records(pbx))
    return fail(
      'PBX_COMMAND_NOT_SUPPORTED',
      pbx.type === 'digitro'
        ? 'This Dígitro has no EasyCall Record module: it does not record calls.'
        : `A ${pbx.type} PBX does not record calls.`,
    );
  if (call.state !== 'ended') return fail('RECORDING_NOT_READY', 'The call is not over: its recording is not ready.');
  return ok({ call, pbx });
}

/**
 * The call's recording, streamed from the PBX (seed 004, "Reproduzir Gravação"): not ready while
 * the call goes on or the PBX is still storing it, missing after that.
 */
export function makeGetCallRecording(deps: UseCaseDeps) {
  return async (id: string): Promise<Result<{ contentType: string; audio: Buffer }>> => {
    const found = await recordedCall(deps, id);
    if (!found.ok) return found;
    const { call, pbx } = found.value;
    try {
      const recording = await pacedCall(deps, pbxLimits(pbx), () => deps.pbxFor(pbx).recording(call.externalId));
      if (recording) return ok(recording);
    } catch (error) {
      return partnerFailure(error);
    }
    const recent = call.endedAt !== null && deps.clock.now().getTime() - call.endedAt.getTime() < RECORDING_GRACE_MS;
    return recent
      ? fail('RECORDING_NOT_READY', 'The PBX is still storing the recording; try again in a moment.')
      : fail('RECORDING_NOT_FOUND', 'The PBX holds no recording of this call.');
  };
}

/** Calls `to` and plays the call's recording once answered. */
export function makePlayCallRecording(deps: UseCaseDeps) {
  return async (id: string, to: string): Promise<Result<{ playbackCallId: string }>> => {
    const found = await recordedCall(deps, id);
    if (!found.ok) return found;
    const parsed = parsePhone(to);
    const destination = parsed.ok ? parsed.value : /^\d{2,8}$/.test(to) ? to : null;
    if (!destination)
      return fail('INVALID_PHONE', 'Call a Brazilian phone number or an extension.', [
        { field: 'to', message: 'A phone number or an extension.' },
      ]);
    try {
      const { pbx, call } = found.value;
      const { callId } = await pacedCall(deps, pbxLimits(pbx), () =>
        deps.pbxFor(pbx).playRecording(call.externalId, destination),
      );
      return ok({ playbackCallId: callId });
    } catch (error) {
      return partnerFailure(error);
    }
  };
}

/**
 * Seed 004, "Associar o telefone a um cliente existente": the call's number goes to one of the
 * customer's phones (`mobilePhone`, `phones/N` replacing that one, or `phones/-` added), and the
 * call is the customer's — also how a wrong match is corrected.
 */
export function makeAttachCallCustomer(deps: UseCaseDeps) {
  return async (id: string, input: { customerId: string; phoneField: string }): Promise<Result<CallView>> => {
    const on = await pbxModuleOn(deps.store);
    if (!on.ok) return on;
    return deps.store.transaction(async (repos): Promise<Result<CallView>> => {
      const call = await repos.pbx.findCall(id);
      if (!call) return fail('CALL_NOT_FOUND', 'Call not found.');
      const number = otherParty(call);
      if (!number?.startsWith('+55')) return fail('CALL_NUMBER_UNKNOWN', 'The call has no phone number to attach.');
      const customer = await repos.customers.findById(input.customerId);
      if (!customer)
        return fail('UNKNOWN_CUSTOMER', 'Customer not found.', [
          { field: 'customerId', message: 'No customer has this id.' },
        ]);
      const phones = [...customer.phones];
      let fields: { mobilePhone?: string; phones?: string[] };
      if (input.phoneField === 'mobilePhone') fields = { mobilePhone: number };
      else if (input.phoneField === 'phones/-')
        fields = { phones: phones.includes(number) ? phones : [...phones, number] };
      else {
        const index = Number(input.phoneField.slice('phones/'.length));
        if (!(index < phones.length))
          return fail('VALIDATION_FAILED', 'The customer has no such phone.', [
            {
              field: 'phoneField',
              message: `The customer has ${phones.length} other phone(s); use phones/- to add one.`,
            },
          ]);
        phones[index] = number;
        fields = { phones };
      }
      const now = deps.clock.now();
      const updated = await repos.customers.update(customer.id, fields, now);
      if (!updated.ok) return updated;
      await repos.pbx.attachCustomer(call.id, customer.id, now);
      return ok(await withMatches(repos, (await repos.pbx.findCall(call.id))!));
    });
  };
}

/**
 * A contact opened from a call (at most one per call). An inbound call to a registered DDR sets
 * its traffic source, which cannot be changed (seed 004); otherwise the request may name one. A
 * contact that names a customer gives the call that customer: seed 004 shows the number "juntamente
 * com o nome do cliente atendido" in the call history.
 */
export function makeCreateCallContact(deps: UseCaseDeps) {
  return async (
    callId: string,
    input: { subject: string; text?: string | null; trafficSourceId?: string | null; customerId?: string | null },
    actor: string,
  ): Promise<Result<Contact>> => {
    const on = await pbxModuleOn(deps.store);
    if (!on.ok) return on;
    return deps.store.transaction(async (repos): Promise<Result<Contact>> => {
      const call = await repos.pbx.findCall(callId);
      if (!call) return fail('CALL_NOT_FOUND', 'Call not found.');
      const fixed = call.direction === 'inbound' && call.did ? await repos.pbx.findTrafficSourceByDdr(call.did) : null;
      if (fixed && input.trafficSourceId && input.trafficSourceId !== fixed.id) {
        return fail(
          'TRAFFIC_SOURCE_FIXED',
          `The call came through the DDR of '${fixed.name}': that is its traffic source.`,
          [{ field: 'trafficSourceId', message: 'Set by the DDR dialed.' }],
        );
      }
      if (!fixed && input.trafficSourceId && !(await repos.pbx.findTrafficSource(input.trafficSourceId))) {
        return fail('UNKNOWN_TRAFFIC_SOURCE', 'No traffic source has this id.', [
          { field: 'trafficSourceId', message: 'No traffic source has this id.' },
        ]);
      }
      const customerId = input.customerId ?? call.customerId;
      if (customerId && !(await repos.customers.findById(customerId)))
        return fail('UNKNOWN_CUSTOMER', 'Customer not found.', [
          { field: 'customerId', message: 'No customer has this id.' },
        ]);
      const now = deps.clock.now();
      const contact = await repos.pbx.createContact({
        id: deps.ids.next(),
        callId: call.id,
        customerId: customerId ?? null,
        subject: input.subject,
        text: input.text ?? null,
        trafficSourceId: fixed?.id ?? input.trafficSourceId ?? null,
        trafficSourceFixed: fixed !== null,
        actor,
        createdAt: now,
        updatedAt: now,
      });
      if (contact.ok && customerId && customerId !== call.customerId)
        await repos.pbx.attachCustomer(call.id, customerId, now);
      return contact;
    });
  };
}

export function makeGetContact({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<Contact>> => {
    const contact = await store.pbx.findContact(id);
    return contact ? ok(contact) : fail('CONTACT_NOT_FOUND', 'Contact not found.');
  };
}

export function makeUpdateContact(deps: UseCaseDeps) {
  return async (
    id: string,
    input: { subject?: string; text?: string | null; trafficSourceId?: string | null },
  ): Promise<Result<Contact>> =>
    deps.store.transaction(async (repos): Promise<Result<Contact>> => {
      const contact = await repos.pbx.findContact(id);
      if (!contact) return fail('CONTACT_NOT_FOUND', 'Contact not found.');
      if (input.trafficSourceId !== undefined && input.trafficSourceId !== contact.trafficSourceId) {
        if (contact.trafficSourceFixed)
          return fail(
            'TRAFFIC_SOURCE_FIXED',
            'The traffic source was set by the DDR the customer dialed: it cannot be changed.',
            [{ field: 'trafficSourceId', message: 'Set by the DDR dialed.' }],
          );
        if (input.trafficSourceId !== null && !(await repos.pbx.findTrafficSource(input.trafficSourceId)))
          return fail('UNKNOWN_TRAFFIC_SOURCE', 'No traffic source has this id.', [
            { field: 'trafficSourceId', message: 'No traffic source has this id.' },
          ]);
      }
      return ok(await repos.pbx.updateContact(id, input, deps.clock.now()));
    });
}
