import type { ErrorRecords } from '../shared/error-record';

/** The SVA area (Saber+, EXA): its error codes, the HTTP status each answers with, and what it means. */
export const SVA_ERRORS = {
  SVA_INTEGRATION_NOT_FOUND: { status: 404, meaning: 'No SVA integration has this id.' },
  SVA_USER_NOT_FOUND: { status: 404, meaning: 'No SVA user has this id.' },
  SVA_INTEGRATION_SABER_PLUS_EXISTS: { status: 409, meaning: 'Only one Saber+ integration may exist.' },
  SVA_INTEGRATION_PLATFORM_IMMUTABLE: {
    status: 409,
    meaning: 'The platform of an integration cannot change; create another integration.',
  },
  SVA_INTEGRATION_IN_USE: { status: 409, meaning: 'Products still use this integration; remove them first.' },
  SVA_PACKAGES_NOT_LISTED: {
    status: 409,
    meaning: 'This platform has no package list to show (EXA packages are typed in).',
  },
  SVA_USER_CPF_TAKEN: {
    status: 409,
    meaning: 'CPF já cadastrado: the contract already has a Saber+ user with this CPF.',
  },
  SVA_USER_EMAIL_TAKEN: { status: 409, meaning: "Another person's user of this EXA integration has this e-mail." },
  SVA_USER_PRODUCT_TAKEN: {
    status: 409,
    meaning: 'The EXA product already has its user on the contract (one user per EXA package).',
  },
  SVA_PACKAGE_TAKEN: { status: 409, meaning: 'Another product already sells this package of this integration.' },
  SVA_USER_ACTIVATION_NOT_ALLOWED: {
    status: 409,
    meaning: 'SVA users cannot be activated while the contract is inactive, negativated or withdrawn.',
  },
  UNKNOWN_SVA_INTEGRATION: { status: 422, meaning: 'The SVA integration named in the body does not exist.' },
  UNKNOWN_SVA_PACKAGE: { status: 422, meaning: 'The package is not one the platform lists.' },
  SVA_PRODUCT_NOT_ON_CONTRACT: { status: 422, meaning: 'The SVA product is not on this contract; add it first.' },
  SVA_USER_MISSING_DATA: {
    status: 422,
    meaning: 'The customer record lacks data the platform needs; `errors` lists each field.',
  },
  SVA_USER_DOCUMENT_NOT_CUSTOMERS: { status: 422, meaning: "A typed document must be the customer's own." },
} as const satisfies ErrorRecords;
