/**
 * `node --import tsx bench/support/emulators-process.ts PRODUCTS LOCATIONS [SHOPIFY_PRODUCTS]`: the Shopify emulator
 * (the bench shop at a Standard plan's limits, LOCATIONS locations) and the Cassa in Cloud emulator offering PRODUCTS
 * simple products, each SKU-000000…, in a process of their own, so a bench measures Ponte's memory and time alone.
 * With SHOPIFY_PRODUCTS, Shopify already sells that many (SKU-0000000…, seven digits), product n's variant stocked
 * at location l with benchQuantity(n, l). Prints one JSON line, { shopifyUrl, cassaUrl, apiKey, locations }, once
 * both listen; stops on SIGTERM.
 */
import { simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator } from "../../emulators/cassa/server";
import { benchCassaBooks, benchQuantity, benchSku, BENCH_SHOP, startBenchShopify } from "./bench-harness";

const products = Number(process.argv[2] ?? 0);
const locations = Number(process.argv[3] ?? 1);
const shopifyProducts = Number(process.argv[4] ?? 0);

const shopify = await startBenchShopify(Array.from({ length: locations }, (_, index) => `Location ${index + 1}`));
const { books, category } = benchCassaBooks();
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
const shop = shopify.state.shop(BENCH_SHOP)!;
for (let n = 0; n < shopifyProducts; n++) {
  const stock = Object.fromEntries(shop.locations.map((location, l) => [location.id, benchQuantity(n, l)]));
  shop.catalog.addProduct({ title: `Product ${n}`, variants: [{ sku: benchSku(n), price: "9.90", stock }] });
}
const apiKey = "bench-key";
const cassa = await startCassaEmulator({ apiKey, books });
console.log(
  JSON.stringify({
    shopifyUrl: shopify.url,
    cassaUrl: cassa.url,
    apiKey,
    locations: shop.locations.map((l) => ({ id: `gid://shopify/Location/${l.id}`, name: l.name })),
  }),
);
process.once("SIGTERM", () => void Promise.all([shopify.close(), cassa.close()]).then(() => process.exit(0)));
