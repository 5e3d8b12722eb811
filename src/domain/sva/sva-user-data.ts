import { normaliseEmail, type Customer } from '../customers/customer';
import { parseDocument, type DocumentType } from '../customers/document';
import { parseMobilePhone } from '../customers/phone';
import type { Notice } from '../shared/notice';
import { fail, ok, type DomainError, type FieldError, type Result } from '../shared/result';
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
 * customer record. Every missing or invalid field is listed.
 * Seed 002, Saber+: "é necessário conter os seguintes dados no cadastro do cliente": name, CPF and
 * mobile phone; the user name is the CPF.
 * Seed 003, EXA: "valida as seguintes informações cadastrais do cliente": e-mail, mobile phone and
 * CPF/CNPJ ("se algum destes campos estiver vazio, não será possível realizar a criação do
 * usuário"); the user name is the e-mail.
 * The customer record must hold that data even when fields are typed in; a typed phone or e-mail
 * wins over the record's ("Telefone: se necessário ajustar a informação"), and a typed document
 * must be the customer's own: the user is the customer's.
 */
export function resolveSvaUserData(
  platform: SvaPlatformName,
  customer: Customer,
  input: SvaUserDataInput,
): Result<SvaUserData> {
  const exa = platform === 'exa';
  const missing: FieldError[] = [];
  const invalid: FieldError[] = [];
  const recordLacks = (field: string, what: string) =>
    missing.push({
      field: `customer/${field}`,
      message: `The customer record has no ${what}, which ${exa ? 'EXA' : 'Saber+'} requires; add it to the customer.`,
    });
  const notSent = (field: string, what: string) =>
    missing.push({ field, message: `${what} is required for this platform: send it, or use the customer data.` });

  let document: { value: string; type: DocumentType } | null = null;
  let foreignDocument = false;
  if (input.document !== undefined) {
    const parsed = parseDocument(input.document);
    if (!parsed.ok) invalid.push({ field: 'document', message: parsed.error.message });
    else if (parsed.value.value !== customer.document) foreignDocument = true;
    else document = parsed.value;
  } else if (input.useCustomerData) document = { value: customer.document, type: customer.documentType };
  else notSent('document', exa ? 'CPF or CNPJ' : 'CPF');
  if (!exa && customer.documentType !== 'cpf') {
    invalid.push({
      field: 'customer/document',
      message: 'Saber+ users are keyed by CPF; a customer with a CNPJ cannot have one.',
    });
  }

  let mobilePhone: string | null = null;
  if (!customer.mobilePhone) recordLacks('mobilePhone', 'mobile phone');
  if (input.mobilePhone !== undefined) {
    const parsed = parseMobilePhone(input.mobilePhone);
    if (parsed.ok) mobilePhone = parsed.value;
    else invalid.push({ field: 'mobilePhone', message: parsed.error.message });
  } else if (input.useCustomerData) mobilePhone = customer.mobilePhone;
  else if (customer.mobilePhone) notSent('mobilePhone', 'A mobile phone');

  let email: string | null = null;
  if (exa && !customer.email) recordLacks('email', 'e-mail');
  if (input.email !== undefined) email = normaliseEmail(input.email);
  else if (input.useCustomerData) email = customer.email;
  else if (exa && customer.email) notSent('email', 'An e-mail');

  const name = customer.name.trim();
  if (name === '') recordLacks('name', 'name');

  if (invalid.length > 0) return fail('VALIDATION_FAILED', 'Some fields are not valid.', invalid);
  if (foreignDocument) {
    return fail(
      'SVA_USER_DOCUMENT_NOT_CUSTOMERS',
      "The document sent is not the customer's: an SVA user carries its customer's CPF/CNPJ.",
      [{ field: 'document', message: "Must be the customer's own document, or left out to use it." }],
    );
  }
  if (missing.length > 0) {
    return fail(
      'SVA_USER_MISSING_DATA',
      `The ${exa ? 'EXA' : 'Saber+'} user cannot be created: ${missing.map((m) => m.field).join(', ')} missing.`,
      missing,
    );
  }
  return ok({
    document: document!.value,
    documentType: document!.type,
    username: exa ? email! : document!.value,
    email,
    name,
    mobilePhone: mobilePhone!,
  });
}

/** Seed 002: "A plataforma permite a ativação de somente um usuário por CPF e por contrato" (Saber+). */
export const cpfTaken = () =>
  fail('SVA_USER_CPF_TAKEN', 'CPF já cadastrado', [
    { field: 'document', message: 'This contract already has a Saber+ user with this CPF.' },
  ]);

/** Seed 003: an EXA user holds one package, so each EXA product of a contract has one user. */
export const productServed = () =>
  fail('SVA_USER_PRODUCT_TAKEN', 'This EXA product already has its user on the contract.', [
    { field: 'productId', message: 'The product already has a user on this contract: one user per EXA package.' },
  ]);

/** Seed 003: the EXA user name is the e-mail, and it names one person on an integration. */
export const emailTaken = (email: string | null) =>
  fail(
    'SVA_USER_EMAIL_TAKEN',
    `The e-mail ${email} is already the user name of another person's user on this EXA integration.`,
    [{ field: 'email', message: "Already another customer's on this integration." }],
  );

/**
 * Whether a new user for this product would break the contract's rule of its platform, given the
 * users the contract already has (read under its lock). Saber+ (seed 002): one user per CPF per
 * contract, whatever the product. EXA (seed 003): one user per EXA product; the same customer may
 * hold several packages, each its own subscription.
 */
export function contractSlotTaken(
  contractUsers: readonly Pick<SvaUser, 'platform' | 'document' | 'productId'>[],
  wanted: Pick<SvaUser, 'platform' | 'document' | 'productId'>,
): Result<never> | null {
  const same = contractUsers.filter((user) => user.platform === wanted.platform);
  if (wanted.platform === 'saber_plus')
    return same.some((user) => user.document === wanted.document) ? cpfTaken() : null;
  return same.some((user) => user.productId === wanted.productId) ? productServed() : null;
}

/**
 * Seed 003: automatic creation that could not make a user says so with the change that tried,
 * instead of failing it: which product, the rule that stopped it, and for missing data the fields.
 */
export function autoCreateSkipped(productId: string, error: DomainError): Notice {
  return {
    code: 'SVA_AUTO_CREATE_SKIPPED',
    message: `No SVA user was created automatically for product ${productId}: ${error.message}`,
    productId,
    reason: error.code,
    ...(error.code === 'SVA_USER_MISSING_DATA' && error.errors
      ? { missingFields: error.errors.map((e) => e.field) }
      : {}),
  };
}
