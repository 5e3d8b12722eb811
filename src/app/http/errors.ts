import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { DomainError, FieldError } from '../../domain/shared/result';

/** The one catalogue of error codes and the HTTP status each one answers with. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_DOCUMENT: 400,
  INVALID_PHONE: 400,
  INVALID_ICCID: 400,
  INVALID_CURSOR: 400,
  INVALID_IDEMPOTENCY_KEY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  CONTRACT_NOT_FOUND: 404,
  CONTRACT_ITEM_NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  SVA_INTEGRATION_NOT_FOUND: 404,
  STFC_INTEGRATION_NOT_FOUND: 404,
  BILLING_BATCH_NOT_FOUND: 404,
  SVA_USER_NOT_FOUND: 404,
  DELIVERY_NOT_FOUND: 404,
  SIP_LINE_NOT_FOUND: 404,
  MVNO_LINE_NOT_FOUND: 404,
  CHARGE_NOT_FOUND: 404,
  CREDIT_INTEGRATION_NOT_FOUND: 404,
  CREDIT_CONSULTATION_NOT_FOUND: 404,
  NEGATIVATION_NOT_FOUND: 404,
  OPA_SUITE_INTEGRATION_NOT_FOUND: 404,
  PBX_NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  CALL_NOT_FOUND: 404,
  RECORDING_NOT_FOUND: 404,
  CONTACT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CUSTOMER_DOCUMENT_TAKEN: 409,
  CUSTOMER_HAS_CONTRACTS: 409,
  LAST_ADMIN_KEY: 409,
  CONTRACT_TRANSITION_NOT_ALLOWED: 409,
  NEGATIVATION_ONLY_THROUGH_BUREAU: 409,
  CONTRACT_CHANGED_CONCURRENTLY: 409,
  CONTRACT_CLOSED: 409,
  SVA_INTEGRATION_SABER_PLUS_EXISTS: 409,
  SVA_INTEGRATION_PLATFORM_IMMUTABLE: 409,
  SVA_INTEGRATION_IN_USE: 409,
  STFC_INTEGRATION_IN_USE: 409,
  STFC_MODULE_DISABLED: 409,
  STFC_SERVICE_EXISTS: 409,
  STFC_NUMBER_TAKEN: 409,
  STFC_CLOSING_DAY_MISSING: 409,
  SVA_PACKAGES_NOT_LISTED: 409,
  SVA_USER_CPF_TAKEN: 409,
  SVA_USER_EMAIL_TAKEN: 409,
  SVA_USER_PRODUCT_TAKEN: 409,
  SVA_PACKAGE_TAKEN: 409,
  SVA_USER_ACTIVATION_NOT_ALLOWED: 409,
  DELIVERY_ALREADY_SUCCEEDED: 409,
  SIP_EXTENSION_TAKEN: 409,
  SIP_NUMBER_TAKEN: 409,
  SIP_LINE_CANCELLED: 409,
  MVNO_MSISDN_TAKEN: 409,
  MVNO_ICCID_TAKEN: 409,
  MVNO_LINE_CANCELLED: 409,
  CHARGE_NOT_OPEN: 409,
  CREDIT_ANALYSIS_DISABLED: 409,
  CONFIRMATION_REQUIRED: 409,
  CREDIT_INTEGRATION_IN_USE: 409,
  CREDIT_INTEGRATION_INACTIVE: 409,
  NEGATIVATION_EXISTS: 409,
  OPA_SUITE_INTEGRATION_IN_USE: 409,
  PBX_MODULE_DISABLED: 409,
  PBX_IN_USE: 409,
  PBX_INACTIVE: 409,
  PBX_COMMAND_NOT_SUPPORTED: 409,
  AGENT_EXTENSION_TAKEN: 409,
  TRAFFIC_SOURCE_DDR_TAKEN: 409,
  TRAFFIC_SOURCE_FIXED: 409,
  CALL_HAS_CONTACT: 409,
  CALL_ENDED: 409,
  RECORDING_NOT_READY: 409,
  CALL_NUMBER_UNKNOWN: 409,
  CUSTOMER_PHONE_MISSING: 422,
  UNKNOWN_PBX: 422,
  UNKNOWN_AGENT: 422,
  UNKNOWN_TRAFFIC_SOURCE: 422,
  NEGATIVATION_NOT_REMOVABLE: 409,
  CHARGE_NOT_OVERDUE: 409,
  CHARGE_NOT_ON_CONTRACT: 409,
  NO_OVERDUE_CHARGE: 409,
  TRUST_RELEASE_NOT_OFFERED: 409,
  TRUST_RELEASE_ALREADY_USED: 409,
  OVERDUE_RUN_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_CUSTOMER: 422,
  UNKNOWN_PRODUCT: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNKNOWN_SVA_INTEGRATION: 422,
  UNKNOWN_STFC_INTEGRATION: 422,
  UNKNOWN_CREDIT_INTEGRATION: 422,
  CREDIT_BUREAU_NOT_SUPPORTED: 422,
  UNKNOWN_SVA_PACKAGE: 422,
  PARTNER_URL_NOT_ALLOWED: 422,
  PRODUCT_NOT_SVA: 422,
  PRODUCT_NOT_VOIP: 422,
  SIP_PASSWORD_REQUIRED: 422,
  UNKNOWN_OPA_SUITE_INTEGRATION: 422,
  SVA_PRODUCT_NOT_ON_CONTRACT: 422,
  SVA_USER_MISSING_DATA: 422,
  SVA_USER_DOCUMENT_NOT_CUSTOMERS: 422,
  PAYMENT_EXCEEDS_BALANCE: 422,
  TRUST_RELEASE_TOO_LONG: 422,
  UNKNOWN_OVERDUE_PRESET: 422,
  OVERDUE_STAGES_CONFLICT: 422,
  OVERDUE_STAGES_OUT_OF_ORDER: 422,
  TOO_MANY_STREAMS: 429,
  INTERNAL_ERROR: 500,
  PARTNER_REJECTED: 502,
  PARTNER_AUTH_FAILED: 502,
  PARTNER_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** What each code means and what to do about it: the page its problem `type` leads to says this. */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'A field is missing, unknown, of the wrong type or out of range; `errors` names each one.',
  MALFORMED_JSON: 'The body could not be read as JSON.',
  INVALID_DOCUMENT: 'The CPF or CNPJ is not valid (wrong length or check digits).',
  INVALID_PHONE: 'The phone number is not a valid Brazilian number.',
  INVALID_ICCID: 'The ICCID must have 19 or 20 digits and end in a valid check digit (Luhn).',
  INVALID_CURSOR: 'The `cursor` was not one this API gave; start from the first page.',
  INVALID_IDEMPOTENCY_KEY: 'The Idempotency-Key header is empty or too long.',
  UNAUTHENTICATED: 'No API key was sent, or it is not valid (unknown or revoked).',
  FORBIDDEN: 'The API key is valid but lacks the scope this operation needs.',
  NOT_FOUND: 'No route answers this path.',
  CUSTOMER_NOT_FOUND: 'No customer has this id.',
  PRODUCT_NOT_FOUND: 'No product has this id.',
  CONTRACT_NOT_FOUND: 'No contract has this id.',
  CONTRACT_ITEM_NOT_FOUND: 'The contract has no product item with this id.',
  API_KEY_NOT_FOUND: 'No API key has this id.',
  SVA_INTEGRATION_NOT_FOUND: 'No SVA integration has this id.',
  STFC_INTEGRATION_NOT_FOUND: 'No Summit integration has this id.',
  BILLING_BATCH_NOT_FOUND: 'No billing batch has this id.',
  SVA_USER_NOT_FOUND: 'No SVA user has this id.',
  DELIVERY_NOT_FOUND: 'No integration delivery has this id.',
  SIP_LINE_NOT_FOUND: 'No SIP line has this id.',
  MVNO_LINE_NOT_FOUND: 'No MVNO line has this id.',
  CHARGE_NOT_FOUND: 'No charge has this id.',
  METHOD_NOT_ALLOWED: 'The path exists but not with this method; the Allow header lists the methods it takes.',
  CUSTOMER_DOCUMENT_TAKEN: 'Another customer already has this CPF/CNPJ; `existingId` is that customer.',
  CUSTOMER_HAS_CONTRACTS: 'A customer with contracts cannot be deleted.',
  LAST_ADMIN_KEY: 'This is the last admin key; create another admin key before revoking it.',
  CONTRACT_TRANSITION_NOT_ALLOWED: "The contract's current state does not allow this event; the contract's `allowedEvents` lists those it does.",
  NEGATIVATION_ONLY_THROUGH_BUREAU: 'A contract is negativated only through a credit bureau: POST /v1/negativations (while credit analysis is on); DELETE /v1/negativations/{id} removes it. The events route refuses negativate and remove_negativation.',
  CONTRACT_CHANGED_CONCURRENTLY: 'The contract changed while this request was applied; read it again and retry.',
  CONTRACT_CLOSED: 'The contract is closed (cancelled, negativated or withdrawn) and cannot change.',
  SVA_INTEGRATION_SABER_PLUS_EXISTS: 'Only one Saber+ integration may exist.',
  SVA_INTEGRATION_PLATFORM_IMMUTABLE: 'The platform of an integration cannot change; create another integration.',
  SVA_INTEGRATION_IN_USE: 'Products still use this integration; remove them first.',
  STFC_INTEGRATION_IN_USE: 'Summit services (live or in history) use this integration.',
  STFC_MODULE_DISABLED: 'The STFC module is disabled: no Summit integration is registered.',
  STFC_SERVICE_EXISTS: 'The contract already has a live Summit telephony service.',
  STFC_NUMBER_TAKEN: 'Another live Summit service has this number.',
  STFC_CLOSING_DAY_MISSING: "Summit needs the contract's closing day (billingDay), which is not set.",
  SVA_PACKAGES_NOT_LISTED: 'This platform has no package list to show (EXA packages are typed in).',
  SVA_USER_CPF_TAKEN: 'CPF já cadastrado: the contract already has a Saber+ user with this CPF.',
  SVA_USER_EMAIL_TAKEN: "Another person's user of this EXA integration has this e-mail.",
  SVA_USER_PRODUCT_TAKEN: 'The EXA product already has its user on the contract (one user per EXA package).',
  SVA_PACKAGE_TAKEN: 'Another product already sells this package of this integration.',
  SVA_USER_ACTIVATION_NOT_ALLOWED: 'SVA users cannot be activated while the contract is inactive, negativated or withdrawn.',
  DELIVERY_ALREADY_SUCCEEDED: 'The delivery already succeeded; there is nothing to retry.',
  SIP_EXTENSION_TAKEN: 'Another live SIP line has this extension.',
  SIP_NUMBER_TAKEN: 'Another live SIP line has this number.',
  SIP_LINE_CANCELLED: 'A cancelled SIP line cannot change.',
  MVNO_MSISDN_TAKEN: 'Another live MVNO line has this number.',
  MVNO_ICCID_TAKEN: 'Another live MVNO line has this SIM card (ICCID).',
  MVNO_LINE_CANCELLED: 'A cancelled MVNO line cannot change.',
  CHARGE_NOT_OPEN: 'The charge is paid or cancelled: it takes no payment, and a paid one cannot be cancelled.',
  NO_OVERDUE_CHARGE: 'A trust release is for a contract blocked over an overdue charge; this one has none (release it with unblock).',
  TRUST_RELEASE_NOT_OFFERED: 'The overdue policy offers no trust release (its trustReleaseMaxDays is null).',
  TRUST_RELEASE_ALREADY_USED: 'The contract had its trust release in this overdue cycle; another comes after the debt is cleared.',
  OVERDUE_RUN_IN_PROGRESS: 'Another process is running the overdue policy; try again when it ends.',
  PAYLOAD_TOO_LARGE: 'The body is larger than this API accepts.',
  URI_TOO_LONG: 'A path parameter is longer than any id.',
  UNSUPPORTED_MEDIA_TYPE: 'The body must be sent as application/json.',
  UNKNOWN_CUSTOMER: 'The customer named in the body does not exist.',
  UNKNOWN_PRODUCT: 'The product named in the body does not exist.',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used with another body; use a new key for a new request.',
  UNKNOWN_SVA_INTEGRATION: 'The SVA integration named in the body does not exist.',
  UNKNOWN_STFC_INTEGRATION: 'The Summit integration named in the body does not exist.',
  UNKNOWN_SVA_PACKAGE: 'The package is not one the platform lists.',
  PARTNER_URL_NOT_ALLOWED: 'The partner URL must be https and lead to a public address, unless its host is in PARTNER_ALLOWED_HOSTS (which also allows http).',
  PRODUCT_NOT_SVA: 'The product is not of type sva.',
  PRODUCT_NOT_VOIP: 'The product must be of type voip (the VoIP default product is the telephony add-on).',
  UNKNOWN_OPA_SUITE_INTEGRATION: 'No Opa! Suite integration has this id.',
  SIP_PASSWORD_REQUIRED: 'The settings (voip.sipPasswordRequired) require a password for every SIP line.',
  SVA_PRODUCT_NOT_ON_CONTRACT: 'The SVA product is not on this contract; add it first.',
  SVA_USER_MISSING_DATA: 'The customer record lacks data the platform needs; `errors` lists each field.',
  SVA_USER_DOCUMENT_NOT_CUSTOMERS: "A typed document must be the customer's own.",
  PAYMENT_EXCEEDS_BALANCE: 'The payment is more than what is still due on the charge.',
  TRUST_RELEASE_TOO_LONG: "The trust release asks for more days than the overdue policy's trustReleaseMaxDays.",
  UNKNOWN_OVERDUE_PRESET: 'No overdue policy preset has this id (see GET /v1/settings/overdue-policy/presets).',
  OVERDUE_STAGES_CONFLICT: 'A preset sets the stage days: send the preset or the days, not both.',
  OVERDUE_STAGES_OUT_OF_ORDER: 'The stages must come in order: late payment, then block, then cancel, each after more days than the one before.',
  TOO_MANY_STREAMS: 'This API key holds as many open streams on this Ponte process as it may (STREAMS_PER_KEY); close one first.',
  INTERNAL_ERROR: 'Something failed inside Ponte; the detail gives the request id to report.',
  PARTNER_REJECTED: 'The partner platform refused the call; the detail gives its reason.',
  CREDIT_INTEGRATION_NOT_FOUND: 'No credit-analysis integration has this id.',
  CREDIT_CONSULTATION_NOT_FOUND: 'No credit consult has this id.',
  NEGATIVATION_NOT_FOUND: 'No negativation has this id (or, on a webhook, this bureau request id).',
  CREDIT_ANALYSIS_DISABLED: 'Credit analysis is off (settings creditAnalysis.enabled): register an active credit-analysis integration first.',
  CONFIRMATION_REQUIRED: 'The document was consulted inside the settings\' reconsult interval: send `confirm: true` to consult it again; `previousConsultationId` and `previousConsultedAt` name the earlier consult.',
  CREDIT_INTEGRATION_IN_USE: 'Negativations were made through this integration: deactivate it instead of deleting it.',
  CREDIT_INTEGRATION_INACTIVE: 'The credit-analysis integration is not active.',
  NEGATIVATION_EXISTS: 'The charge already has a live (pending or registered) negativation.',
  NEGATIVATION_NOT_REMOVABLE: 'A negativation the bureau refused (failed) holds nothing to remove.',
  CHARGE_NOT_OVERDUE: 'Only an overdue charge (open, past its due date) can be negativated.',
  CHARGE_NOT_ON_CONTRACT: 'The charge belongs to another contract.',
  UNKNOWN_CREDIT_INTEGRATION: 'The credit-analysis integration named in the body does not exist.',
  CREDIT_BUREAU_NOT_SUPPORTED: 'Ponte does not yet speak to this bureau for this operation.',
  OPA_SUITE_INTEGRATION_NOT_FOUND: 'No Opa! Suite integration has this id.',
  OPA_SUITE_INTEGRATION_IN_USE: 'This Opa! Suite integration is the default communication channel of the settings.',
  PBX_NOT_FOUND: 'No PBX has this id.',
  AGENT_NOT_FOUND: 'No agent has this id.',
  CALL_NOT_FOUND: 'No call has this id.',
  CONTACT_NOT_FOUND: 'No contact has this id.',
  PBX_MODULE_DISABLED: 'The PBX integration is off (settings pbx.enabled).',
  PBX_IN_USE: 'Agents or calls belong to this PBX: deactivate it instead.',
  PBX_INACTIVE: "The agent's PBX is not active.",
  PBX_COMMAND_NOT_SUPPORTED: 'This type of PBX does not take this call command; the PBX\'s `commands` lists those it does.',
  AGENT_EXTENSION_TAKEN: 'Another agent has this extension on this PBX.',
  TRAFFIC_SOURCE_DDR_TAKEN: 'Another traffic source has this DDR.',
  TRAFFIC_SOURCE_FIXED: 'The traffic source was set by the DDR the customer dialed and cannot be changed.',
  CALL_HAS_CONTACT: 'This call has a contact already (at most one per call).',
  CALL_ENDED: 'The call has ended.',
  RECORDING_NOT_READY: 'The recording is not ready: the call goes on, or the PBX is still storing it.',
  RECORDING_NOT_FOUND: 'The PBX holds no recording of this call.',
  CALL_NUMBER_UNKNOWN: 'The call has no phone number to attach.',
  CUSTOMER_PHONE_MISSING: 'The customer has no such phone.',
  UNKNOWN_PBX: 'The PBX named in the body does not exist.',
  UNKNOWN_AGENT: 'The agent named in the body does not exist.',
  UNKNOWN_TRAFFIC_SOURCE: 'The traffic source named in the body does not exist.',
  PARTNER_AUTH_FAILED: "The partner platform refused the integration's credentials; update them.",
  PARTNER_UNAVAILABLE: 'The partner platform did not answer in time or answered with an error; try again later.',
  SERVICE_UNAVAILABLE: 'Ponte is starting or stopping; try again in a moment.',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  existingId?: string;
  previousConsultationId?: string;
  previousConsultedAt?: string;
}

export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Where a code's page lives: `CUSTOMER_DOCUMENT_TAKEN` → `/problems/customer-document-taken`. */
export const problemTypeOf = (code: ErrorCode) => `/problems/${code.toLowerCase().replace(/_/g, '-')}`;

export function problem(code: ErrorCode, detail: string, errors?: readonly FieldError[], existingId?: string, previous?: DomainError['previous']): Problem {
  const status = ERROR_STATUS[code];
  return {
    type: problemTypeOf(code),
    title: STATUS_TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors: [...errors] } : {}),
    ...(existingId ? { existingId } : {}),
    ...(previous ? { previousConsultationId: previous.id, previousConsultedAt: previous.at } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem) {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Maps a business failure to its problem; an unknown code is a bug and answers 500. */
export function sendDomainError(reply: FastifyReply, error: DomainError) {
  const code = (error.code in ERROR_STATUS ? error.code : 'INTERNAL_ERROR') as ErrorCode;
  return sendProblem(reply, problem(code, error.message, error.errors, error.existingId, error.previous));
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** What each shared pattern (http/common.ts and friends) means, said in words instead of a regex. */
const PATTERN_MEANINGS: Record<string, string> = {
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$': 'Must be an id: a UUID in its canonical hyphenated form.',
  '^[^\\u0000-\\u001F\\u007F]*$': 'Must not contain control characters.',
  '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$': 'Must not contain control characters other than tabs and line breaks.',
  '^[^\\s\\u0000-\\u001F\\u007F]+$': 'Must not contain spaces or control characters.',
  '^[A-Za-z]{2}$': 'Must be a state (UF): two letters.',
};

const FORMATS: Record<string, string> = {
  email: 'an e-mail address',
  'date-time': 'a date-time (RFC 3339, e.g. 2026-11-23T14:30:00Z)',
  date: 'a date (YYYY-MM-DD)',
  uuid: 'an id: a UUID in its canonical hyphenated form',
  uri: 'a URL',
};

const plural = (n: unknown, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/** One sentence per failed keyword, in the API's words. */
function messageOf(error: AjvError, nullable: boolean): string {
  const p = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return 'Unknown field.';
    case 'required':
      return 'Required.';
    case 'enum':
      return `Must be one of: ${(p.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}.`;
    case 'const':
      return `Must be ${JSON.stringify(p.allowedValue)}.`;
    case 'type': {
      const types = [String(p.type).replace('integer', 'an integer').replace(/^(string|number|boolean|object|array)$/, (t) => (t === 'array' || t === 'object' ? `an ${t}` : `a ${t}`))];
      return `Must be ${types[0]}${nullable ? ' or null' : ''}.`;
    }
    case 'format':
      return `Must be ${FORMATS[String(p.format)] ?? `in the ${String(p.format)} format`}.`;
    case 'pattern':
      return PATTERN_MEANINGS[String(p.pattern)] ?? 'Is not in the expected form.';
    case 'minLength':
      return `Must have at least ${plural(p.limit, 'character', 'characters')}.`;
    case 'maxLength':
      return `Must have at most ${plural(p.limit, 'character', 'characters')}.`;
    case 'minItems':
      return `Must have at least ${plural(p.limit, 'item', 'items')}.`;
    case 'maxItems':
      return `Must have at most ${plural(p.limit, 'item', 'items')}.`;
    case 'uniqueItems':
      return 'Must not repeat an item.';
    case 'minimum':
      return `Must be at least ${String(p.limit)}.`;
    case 'maximum':
      return `Must be at most ${String(p.limit)}.`;
    case 'minProperties':
      return `Send at least ${plural(p.limit, 'field', 'fields')}.`;
    case 'maxProperties':
      return `Send at most ${plural(p.limit, 'field', 'fields')}.`;
    case 'storableText':
      return 'Must not contain a NUL character or an unpaired surrogate.';
    default:
      return error.message ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` : 'Is not valid.';
  }
}

/**
 * Turns Ajv errors into `{ field, message }` with the field as a JSON pointer without the leading
 * slash, one per field: a value can break several keywords at once (an id's format and pattern),
 * and a nullable field reports its own rule, not the union's `null` branch and `anyOf` wrapper.
 */
export function fieldErrors(validation: readonly AjvError[]): FieldError[] {
  const fieldOf = (error: AjvError) => {
    const base = error.instancePath.replace(/^\//, '');
    const child = (error.params.missingProperty ?? error.params.additionalProperty) as string | undefined;
    return child ? (base ? `${base}/${child}` : child) : base || '(root)';
  };
  const byField = new Map<string, AjvError[]>();
  for (const error of validation) {
    const field = fieldOf(error);
    byField.set(field, [...(byField.get(field) ?? []), error]);
  }
  return [...byField].map(([field, errors]) => {
    const nullable = errors.some((e) => e.keyword === 'type' && e.params.type === 'null');
    const own = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && !(e.keyword === 'type' && e.params.type === 'null'));
    return { field, message: messageOf(own[0] ?? errors[0]!, nullable) };
  });
}

const PARTS: Record<string, string> = {
  body: 'The body is not valid.',
  params: 'The path is not valid.',
  querystring: 'The query string is not valid.',
  headers: 'A header is not valid.',
};

/** Errors the router raises before any route runs (fastify's `frameworkErrors`): problems too. */
export function frameworkError(error: FastifyError, _request: unknown, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, problem('URI_TOO_LONG', 'A path parameter is longer than any id.'));
  return sendProblem(reply, problem('VALIDATION_FAILED', 'The URL is not valid.'));
}

/** One handler for every error fastify raises: bad input answers 4xx, everything else 500 without details. */
export function registerErrorHandling(app: FastifyInstance) {
  // A route with path parameters can answer 414 (see frameworkError): its contract says so.
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<number, { description?: string; content?: Record<string, { schema: unknown }> }> | undefined;
    const problemSchema = response?.[400]?.content?.['application/problem+json']?.schema;
    if (route.url.includes(':') && problemSchema && !response[414]) {
      const example = problem('URI_TOO_LONG', 'A path parameter is longer than any id.');
      response[414] = {
        description: 'A path parameter is too long. Codes: URI_TOO_LONG.',
        content: { 'application/problem+json': { schema: problemSchema, examples: { URI_TOO_LONG: { summary: ERROR_MEANINGS.URI_TOO_LONG, value: example } } } as { schema: unknown } },
      };
    }
  });
  const routes: { pattern: RegExp; method: string }[] = [];
  app.addHook('onRoute', (route) => {
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+')}/?$`);
    for (const method of [route.method].flat()) routes.push({ pattern, method });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, problem('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`));
    }
    return sendProblem(reply, problem('NOT_FOUND', `No route for ${request.method} ${path}.`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const detail = PARTS[error.validationContext ?? ''] ?? 'The request is not valid.';
      return sendProblem(reply, problem('VALIDATION_FAILED', detail, fieldErrors(error.validation as AjvError[])));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, problem('MALFORMED_JSON', 'The body is not valid JSON.'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, problem('PAYLOAD_TOO_LARGE', 'The body is larger than this API accepts.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, problem('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
    }
    if (error instanceof SyntaxError || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) {
      const detail = error instanceof SyntaxError ? 'The body is not valid JSON.' : error.message;
      return sendProblem(reply, problem(error instanceof SyntaxError ? 'MALFORMED_JSON' : 'VALIDATION_FAILED', detail));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problem('INTERNAL_ERROR', 'Something went wrong on our side. The request id is ' + request.id + '.'));
  });
}
