/**
 * `node --import tsx bench/support/emulators-process.ts PRODUCTS LOCATIONS [SHOPIFY_PRODUCTS] [SALE_POINTS]`: the
 * Shopify emulator (the bench shop at a Standard plan's limits, LOCATIONS locations) and the Cassa in Cloud emulator
 * offering PRODUCTS simple products, product n with SKU benchSku(n), in a process of their own, so a bench measures
 * Ponte's memory and time alone. With SHOPIFY_PRODUCTS, Shopify already sells that many (the same SKUs), product n's
 * variant stocked at location l with benchQuantity(n, l). With SALE_POINTS, Cassa has that many sale points (ids 1,
 * 2, ...), product n stocked at the l-th with benchQuantity(n, l). Prints one JSON line, { shopifyUrl, cassaUrl, apiKey,
 * locations, salePoints }, once both listen. Shopify's product n has Cassa's content (title, description, category as
 * product type). Each line read on stdin is answered `{"done":true}`: `{"restock":{"offset":K,"step":S}}` restocks
 * every product at every sale point to benchQuantity(n, l) + K (+1 more for every S-th product); `{"reprice":{"step":S}}`
 * prices every S-th product at 10.90 in Cassa.
 * Stops on SIGTERM.
 */
import readline from "node:readline";
import { simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator } from "../../emulators/cassa/server";
import type { CassaProduct } from "../../emulators/cassa/cassa-books";
import { BENCH_CASSA_LIMIT, benchCassaBooks, benchQuantity, benchSku, BENCH_SHOP, startBenchShopify } from "./bench-harness";

const products = Number(process.argv[2] ?? 0);
const locations = Number(process.argv[3] ?? 1);
const shopifyProducts = Number(process.argv[4] ?? 0);
const salePointCount = Number(process.argv[5] ?? 0);

const shopify = await startBenchShopify(Array.from({ length: locations }, (_, index) => `Location ${index + 1}`));
const { books, category } = benchCassaBooks();
const salePoints = Array.from({ length: salePointCount }, (_, index) =>
  books.addSalePoint({
    id: index + 1,
    name: `Punto vendita ${index + 1}`,
    description: "",
    street: "Via Roma 1",
    city: "Milano",
    zipcode: "20121",
    country: "IT",
    currency: "EUR",
  }),
);
const made: CassaProduct[] = [];
for (let n = 0; n < products; n++) {
  const product = simpleCassaProduct(books, {
    sku: benchSku(n),
    description: `Product ${n}`,
    descriptionExtended: `The product numbered ${n}.`,
    price: 9.9,
    idCategory: category.id,
  });
  books.products.set(product.id, product);
  made.push(product);
}
const restock = (offset: number, step: number) => {
  for (const [l, point] of salePoints.entries())
    for (const [n, product] of made.entries())
      books.setStock(point.id, product, null, benchQuantity(n, l) + offset + (step && n % step === 0 ? 1 : 0));
};
restock(0, 0);
const shop = shopify.state.shop(BENCH_SHOP)!;
for (let n = 0; n < shopifyProducts; n++) {
  const stock = Object.fromEntries(shop.locations.map((location, l) => [location.id, benchQuantity(n, l)]));
  // The same content as Cassa's product n, as a first product sync leaves it.
  const product = shop.catalog.addProduct({
    title: `Product ${n}`,
    productType: category.description,
    variants: [{ sku: benchSku(n), price: "9.90", stock }],
  });
  product.descriptionHtml = `<p>The product numbered ${n}.</p>`;
}
const apiKey = "bench-key";
const cassa = await startCassaEmulator({ apiKey, books });
Object.assign(cassa.limits, BENCH_CASSA_LIMIT);
console.log(
  JSON.stringify({
    shopifyUrl: shopify.url,
    cassaUrl: cassa.url,
    apiKey,
    locations: shop.locations.map((l) => ({ id: `gid://shopify/Location/${l.id}`, name: l.name })),
    salePoints: salePoints.map((point) => ({ id: String(point.id), name: point.name })),
  }),
);
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line) as { restock?: { offset: number; step: number }; reprice?: { step: number } };
  if (command.restock) restock(command.restock.offset, command.restock.step);
  if (command.reprice)
    for (const [n, product] of made.entries()) if (n % command.reprice.step === 0) product.variants[0]!.prices = product.prices = [{ value: 10.9 }];
  console.log(JSON.stringify({ done: true }));
});
process.once("SIGTERM", () => void Promise.all([shopify.close(), cassa.close()]).then(() => process.exit(0)));
