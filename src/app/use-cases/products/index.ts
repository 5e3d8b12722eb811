import {
  makeAddContractItem,
  makeCreateProduct,
  makeGetProduct,
  makeListContractItems,
  makeListProducts,
  makeRemoveContractItem,
  makeUpdateProduct,
} from './products';
import type { UseCaseDeps } from '../deps';

/** The use cases of the products area: what its routes call. */
export function productsUseCases(deps: UseCaseDeps) {
  return {
    createProduct: makeCreateProduct(deps),
    getProduct: makeGetProduct(deps),
    listProducts: makeListProducts(deps),
    updateProduct: makeUpdateProduct(deps),
    addContractItem: makeAddContractItem(deps),
    listContractItems: makeListContractItems(deps),
    removeContractItem: makeRemoveContractItem(deps),
  };
}

export type ProductsUseCases = ReturnType<typeof productsUseCases>;
