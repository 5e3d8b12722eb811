import { Type } from 'typebox';
import type { Customer } from '../../../domain/customers/customer';
import { Email, Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from '../common';

export const AddressSchema = Type.Object(
  {
    street: Text({ minLength: 1, maxLength: 200 }),
    number: Type.Optional(Text({ maxLength: 20 })),
    complement: Type.Optional(Text({ maxLength: 100 })),
    district: Type.Optional(Text({ maxLength: 100 })),
    city: Text({ minLength: 1, maxLength: 100 }),
    state: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'UF, two letters.' }),
    postalCode: Type.Optional(Text({ maxLength: 10, description: 'CEP, eight digits (with or without the dash).' })),
  },
  { title: 'Address', additionalProperties: false },
);

const fields = {
  name: Text({ minLength: 1, maxLength: 200 }),
  document: Text({
    minLength: 11,
    maxLength: 20,
    description: 'CPF or CNPJ (alphanumeric CNPJ included), with or without punctuation.',
  }),
  email: Nullable(Email),
  mobilePhone: Nullable(
    Text({ maxLength: 25, description: 'Brazilian mobile: area code + 9 digits starting with 9, in any usual form.' }),
  ),
  phones: Type.Array(Text({ maxLength: 25 }), { maxItems: 10, description: 'Other phones (mobile or landline).' }),
  address: Nullable(AddressSchema),
};

export const CreateCustomerBody = Type.Object(
  {
    name: fields.name,
    document: fields.document,
    email: Type.Optional(fields.email),
    mobilePhone: Type.Optional(fields.mobilePhone),
    phones: Type.Optional(fields.phones),
    address: Type.Optional(fields.address),
  },
  { title: 'CreateCustomerRequest', additionalProperties: false },
);

export const UpdateCustomerBody = Type.Object(
  {
    name: Type.Optional(fields.name),
    document: Type.Optional(fields.document),
    email: Type.Optional(fields.email),
    mobilePhone: Type.Optional(fields.mobilePhone),
    phones: Type.Optional(fields.phones),
    address: Type.Optional(fields.address),
  },
  { title: 'UpdateCustomerRequest', additionalProperties: false, minProperties: 1 },
);

export const CustomerQuery = Type.Object(
  {
    ...PageQuery,
    name: Type.Optional(Text({ minLength: 1, maxLength: 200, description: 'Part of the name, any case.' })),
    document: Type.Optional(Text({ minLength: 11, maxLength: 20, description: 'Exact CPF/CNPJ, any punctuation.' })),
    phone: Type.Optional(Text({ minLength: 8, maxLength: 25, description: 'Mobile or other phone, any usual form.' })),
  },
  { additionalProperties: false },
);

export const CustomerView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    document: Type.String({ description: 'Normalised: digits (CPF) or 14 upper-case characters (CNPJ).' }),
    documentType: StringEnum(['cpf', 'cnpj'] as const),
    email: Nullable(Type.String()),
    mobilePhone: Nullable(Type.String({ description: 'E.164, e.g. +5511912345678.' })),
    phones: Type.Array(Type.String()),
    address: Nullable(AddressSchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Customer' },
);

export const customerView = (c: Customer) => ({
  ...c,
  phones: [...c.phones],
  address: c.address ? { ...c.address } : null,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
