import { normaliseEmail, type Customer } from '../customer/customer';
import { parseDocument, type DocumentType } from '../customer/document';
import { parseMobilePhone } from '../customer/phone';
import { fail, ok, type FieldError, type Result } from '../shared/result';
import type { SvaPlatformName, SvaUser } from './sva';

export interface SvaUserDataInput {
  /** "Usar dados cadastro": take document, user name and phone from the customer record. */
  readonly useCustomerData: boolean;
  readonly document?: string;
  readonly mobilePhone?: string;
  readonly email?: string;
}

export type SvaUserData = Pick<SvaUser, 'document' | 'documentType' | 'username' | 'email' | 'name' | 'mobilePhone'>;

/**
 * The data a platform needs to create a user, from the request and (with useCustomerData) the
 * customer record. Fields sent explicitly win over the customer's ("Telefone: se necessário
 * ajustar a informação, insira um telefone válido"). Every missing or invalid field is listed.
 * Seed 002, Saber+: name, CPF and mobile phone; the user name is the CPF.
 * Seed 003, EXA: e-mail, mobile phone and CPF/CNPJ; the user name is the e-mail.
 */
export function resolveSvaUserData(platform: SvaPlatformName, customer: Customer, input: SvaUserDataInput): Result<SvaUserData> {
  const missing: FieldError[] = [];
  const invalid: FieldError[] = [];
  const source = (field: string) => (input.useCustomerData ? `customer/${field}` : field);
  const need = (field: string, what: string) =>
    missing.push({
      field: source(field),
      message: input.useCustomerData ? `The customer has no ${what}; add it to the customer or send ${field}.` : `${what} is required for this platform.`,
    });

  let document: { value: string; type: DocumentType } | null = null;
  if (input.document !== undefined) {
    const parsed = parseDocument(input.document);
    if (parsed.ok) document = parsed.value;
    else invalid.push({ field: 'document', message: parsed.error.message });
  } else if (input.useCustomerData) document = { value: customer.document, type: customer.documentType };
  else need('document', platform === 'saber_plus' ? 'CPF' : 'CPF or CNPJ');
  if (document && platform === 'saber_plus' && document.type !== 'cpf') {
    invalid.push({ field: input.document !== undefined ? 'document' : 'customer/document', message: 'Saber+ users are keyed by CPF; a CNPJ cannot be used.' });
  }

  let mobilePhone: string | null = null;
  if (input.mobilePhone !== undefined) {
    const parsed = parseMobilePhone(input.mobilePhone);
    if (parsed.ok) mobilePhone = parsed.value;
    else invalid.push({ field: 'mobilePhone', message: parsed.error.message });
  } else if (input.useCustomerData && customer.mobilePhone) mobilePhone = customer.mobilePhone;
  else need('mobilePhone', 'mobile phone');

  let email: string | null = null;
  if (input.email !== undefined) {
    email = normaliseEmail(input.email);
  } else if (input.useCustomerData && customer.email) email = customer.email;
  else if (platform === 'exa') need('email', 'e-mail');

  const name = customer.name.trim();
  if (name === '') missing.push({ field: 'customer/name', message: 'The customer has no name.' });

  if (invalid.length > 0) return fail('VALIDATION_FAILED', 'Some fields are not valid.', invalid);
  if (missing.length > 0) {
    return fail('SVA_USER_MISSING_DATA', `The ${platform === 'exa' ? 'EXA' : 'Saber+'} user cannot be created: ${missing.map((m) => m.field).join(', ')} missing.`, missing);
  }
  return ok({
    document: document!.value,
    documentType: document!.type,
    username: platform === 'saber_plus' ? document!.value : email!,
    email,
    name,
    mobilePhone: mobilePhone!,
  });
}
