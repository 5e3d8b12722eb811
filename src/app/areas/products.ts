import { productsUseCases } from '../use-cases/products';
import { PRODUCTS_EXAMPLES } from '../http/products/examples';
import { productsRoutes } from '../http/products/routes';
import { defineArea } from './area';

export const productsArea = defineArea({
  name: 'products',
  useCases: productsUseCases,
  tags: [{ name: 'Products', description: 'What the provider sells: internet, SVA, VoIP, MVNO, STFC.' }],
  examples: PRODUCTS_EXAMPLES,
  routes: (http, { useCases }) => productsRoutes(http, useCases),
});
