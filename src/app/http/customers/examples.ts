import { at, ids, page } from '../example-story';

const address = {
  street: 'Avenida Paulista',
  number: '1578',
  complement: 'Apto 42',
  district: 'Bela Vista',
  city: 'São Paulo',
  state: 'SP',
  postalCode: '01310-200',
};

const customer = {
  id: ids.customer,
  name: 'Maria Souza',
  document: '52998224725',
  documentType: 'cpf',
  email: 'maria.souza@example.com.br',
  mobilePhone: '+5511912345678',
  phones: ['+551132221000'],
  address,
  createdAt: at,
  updatedAt: at,
};

/** An example per named schema of the customers area, from the one story (src/app/http/example-story.ts). */
export const CUSTOMERS_EXAMPLES: Readonly<Record<string, unknown>> = {
  Address: address,
  Customer: customer,
  CustomerPage: page(customer),
  CreateCustomerRequest: {
    name: 'Maria Souza',
    document: '529.982.247-25',
    email: 'maria.souza@example.com.br',
    mobilePhone: '(11) 91234-5678',
    phones: ['(11) 3222-1000'],
    address,
  },
  UpdateCustomerRequest: { email: 'maria@example.com.br', mobilePhone: '(11) 98765-4321' },
};
