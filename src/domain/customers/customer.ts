import { fail, ok, type FieldError, type Result } from '../shared/result';
import { parseDocument, type DocumentType } from './document';
import { parseMobilePhone, parsePhone } from './phone';

export interface Address {
  readonly street: string;
  readonly number?: string;
  readonly complement?: string;
  readonly district?: string;
  readonly city: string;
  /** Two-letter state code (UF). */
  readonly state: string;
  /** CEP, eight digits. */
  readonly postalCode?: string;
}

export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly document: string;
  readonly documentType: DocumentType;
  readonly email: string | null;
  readonly mobilePhone: string | null;
  readonly phones: readonly string[];
  readonly address: Address | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a caller may send; absent fields stay as they are on update. */
export interface CustomerInput {
  readonly name?: string;
  readonly document?: string;
  readonly email?: string | null;
  readonly mobilePhone?: string | null;
  readonly phones?: readonly string[];
  readonly address?: Address | null;
}

export type CustomerFields = Omit<Customer, 'id' | 'createdAt' | 'updatedAt'>;

/** E-mail addresses are kept trimmed and in lower case, so they compare as the platforms compare them. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Normalises a customer's document and phones, listing every field at fault at once. */
export function normaliseCustomerInput(input: CustomerInput): Result<Partial<CustomerFields>> {
  const errors: FieldError[] = [];
  const fields: { -readonly [K in keyof CustomerFields]?: CustomerFields[K] } = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === '') errors.push({ field: 'name', message: 'Name must not be blank.' });
    fields.name = name;
  }
  if (input.document !== undefined) {
    const document = parseDocument(input.document);
    if (document.ok) {
      fields.document = document.value.value;
      fields.documentType = document.value.type;
    } else errors.push({ field: 'document', message: document.error.message });
  }
  if (input.email !== undefined) fields.email = input.email === null ? null : normaliseEmail(input.email);
  if (input.mobilePhone !== undefined) {
    if (input.mobilePhone === null) fields.mobilePhone = null;
    else {
      const phone = parseMobilePhone(input.mobilePhone);
      if (phone.ok) fields.mobilePhone = phone.value;
      else errors.push({ field: 'mobilePhone', message: phone.error.message });
    }
  }
  if (input.phones !== undefined) {
    const phones: string[] = [];
    input.phones.forEach((raw, index) => {
      const phone = parsePhone(raw);
      if (phone.ok) phones.push(phone.value);
      else errors.push({ field: `phones/${index}`, message: phone.error.message });
    });
    fields.phones = [...new Set(phones)];
  }
  if (input.address !== undefined) {
    fields.address = input.address === null ? null : { ...input.address, state: input.address.state.toUpperCase() };
    if (input.address?.postalCode !== undefined) {
      const cep = input.address.postalCode.replace(/\D/g, '');
      if (cep.length !== 8) errors.push({ field: 'address/postalCode', message: 'CEP must have eight digits.' });
      fields.address = { ...fields.address!, postalCode: cep };
    }
  }
  return errors.length > 0 ? fail('VALIDATION_FAILED', 'Some fields are not valid.', errors) : ok(fields);
}
