import { productsRoutes } from '../http/products/routes';
import type { Area } from './area';

export const productsArea: Area = { name: 'products', routes: (http, { useCases }) => productsRoutes(http, useCases) };
