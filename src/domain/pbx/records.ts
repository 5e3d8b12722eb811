import type { CallRecordState } from './call';
import type { Pbx } from './pbx';

export interface PbxRecord extends Pbx {
  readonly sealedCredentials: string;
  readonly sealedEventSecret: string;
  /** The PBX's event subscription (Dígitro's expire after 900 s unless renewed). */
  readonly subscriptionId?: string | null;
  readonly subscriptionExpiresAt?: Date | null;
}

/** A seller or attendant at an extension of a PBX (seed 004: "Vendedores > Central Telefônica"). */
export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly pbxId: string;
  readonly extension: string;
  readonly sealedPassword: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An origem de tráfego, known by the number customers dial (DDR). */
export interface TrafficSource {
  readonly id: string;
  readonly name: string;
  readonly ddr: string | null;
  readonly createdAt: Date;
}

/** A call as stored: where it stands (folded from its events), whose it is and what was made of it. */
export interface Call extends CallRecordState {
  readonly id: string;
  readonly pbxId: string;
  readonly externalId: string;
  readonly agentId: string | null;
  /** The customer served (seed 004: "o nome do cliente atendido"), and that customer's name. */
  readonly customerId: string | null;
  readonly customerName: string | null;
  readonly contactId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A customer whose phone is a call's number, and which of its phones it is. */
export interface CustomerMatch {
  readonly customerId: string;
  readonly name: string;
  /** `mobilePhone`, or `phones/N`. */
  readonly phoneField: string;
}

/** A contact (CRM note) opened from a call: at most one per call. */
export interface Contact {
  readonly id: string;
  readonly callId: string | null;
  readonly customerId: string | null;
  readonly subject: string;
  readonly text: string | null;
  readonly trafficSourceId: string | null;
  /** Set from the DDR the customer dialed (seed 004): it cannot be changed. */
  readonly trafficSourceFixed: boolean;
  readonly actor: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
