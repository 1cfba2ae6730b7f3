// The Tryton adapter against a real Tryton 6.0 (Debian packages, installed by .ci/run): the shared ERP contract.
import { afterAll, beforeAll } from "vitest";
import { TrytonAdapter } from "../../app/services/erp/tryton/tryton.adapter.server";
import { erpAdapterContract } from "../contract/erp-adapter.contract";
import {
  addWarehouseInTryton,
  invoiceInTryton,
  offerInTryton,
  receiveStockInTryton,
  shipInTryton,
  startTryton,
  type TrytonServer,
} from "../support/tryton-server";

let tryton: TrytonServer;
let adapter: TrytonAdapter;

beforeAll(async () => {
  tryton = await startTryton();
  adapter = new TrytonAdapter({ url: tryton.url, database: tryton.database, login: tryton.login, password: tryton.password });
}, 180_000);
afterAll(() => tryton?.stop());

erpAdapterContract({
  name: "Tryton 6.0",
  createAdapter: () => adapter,
  ship: (id) => shipInTryton(adapter.rpc, Number(id)),
  invoice: (id) => invoiceInTryton(adapter.rpc, Number(id)),
  offerToEcommerce: (product) => offerInTryton(adapter.rpc, product),
  receiveStock: (sku, quantity) => receiveStockInTryton(adapter.rpc, sku, quantity),
  addWarehouse: async (name) => String(await addWarehouseInTryton(adapter.rpc, name)),
  categoriesOf: async (sku) => {
    const [product] = await adapter.rpc.model<Array<{ template: number }>>("product.product", "search_read", [["code", "=", sku]], 0, 1, null, [
      "template",
    ]);
    const [template] = await adapter.rpc.model<Array<{ categories: number[] }>>("product.template", "read", [product!.template], ["categories"]);
    const categories = await adapter.rpc.model<Array<{ name: string }>>("product.category", "read", template!.categories, ["name"]);
    return categories.map((category) => category.name);
  },
  categoriesNamed: async (name) => (await adapter.rpc.model<number[]>("product.category", "search", [["name", "=", name]], 0, null, null)).length,
});
