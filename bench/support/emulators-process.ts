/**
 * `node --import tsx bench/support/emulators-process.ts PRODUCTS LOCATIONS`: the Shopify emulator (the bench shop at a
 * Standard plan's limits, LOCATIONS locations) and the Cassa in Cloud emulator offering PRODUCTS simple products,
 * each SKU-000000…, in a process of their own, so a bench measures Ponte's memory and time alone. Prints one JSON
 * line, { shopifyUrl, cassaUrl, apiKey }, once both listen; stops on SIGTERM.
 */
import { CassaBooks } from "../../emulators/cassa/cassa-books";
import { simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator } from "../../emulators/cassa/server";
import { startBenchShopify } from "./bench-harness";

const products = Number(process.argv[2] ?? 0);
const locations = Number(process.argv[3] ?? 1);

const shopify = await startBenchShopify(Array.from({ length: locations }, (_, index) => `Location ${index + 1}`));
const books = new CassaBooks();
const category = {
  id: books.id("cat"),
  description: "Caffè",
  externalId: null,
  idSalesPoint: null,
  enableForECommerce: true,
  lastUpdate: new Date().toISOString(),
};
books.categories.set(category.id, category);
for (let n = 0; n < products; n++) {
  const sku = `SKU-${String(n).padStart(6, "0")}`;
  const product = simpleCassaProduct(books, {
    sku,
    description: `Product ${n}`,
    descriptionExtended: `The product numbered ${n}.`,
    price: 9.9,
    idCategory: category.id,
  });
  books.products.set(product.id, product);
}
const apiKey = "bench-key";
const cassa = await startCassaEmulator({ apiKey, books });
console.log(JSON.stringify({ shopifyUrl: shopify.url, cassaUrl: cassa.url, apiKey }));
process.once("SIGTERM", () => void Promise.all([shopify.close(), cassa.close()]).then(() => process.exit(0)));
