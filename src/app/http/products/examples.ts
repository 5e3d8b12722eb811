import { exaProduct, ids, page } from '../example-story';

/** An example per named schema of the products area, from the one story (src/app/http/example-story.ts). */
export const PRODUCTS_EXAMPLES: Readonly<Record<string, unknown>> = {
  Product: exaProduct,
  ProductPage: page(exaProduct),
  CreateProductRequest: {
    name: 'EXA Segurança',
    type: 'sva',
    priceCents: 990,
    svaIntegrationId: ids.exa,
    svaPackage: 'EXA-SEG-BASICO',
  },
  UpdateProductRequest: { name: 'EXA Segurança Família', priceCents: 1490 },
};
