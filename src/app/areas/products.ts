import { PRODUCTS_EXAMPLES } from '../http/products/examples';
import { productsRoutes } from '../http/products/routes';
import type { Area } from './area';

export const productsArea: Area = { name: 'products', tags: [{ name: 'Products', description: 'What the provider sells: internet, SVA, VoIP, MVNO, STFC.' }], examples: PRODUCTS_EXAMPLES, routes: (http, { useCases }) => productsRoutes(http, useCases) };
