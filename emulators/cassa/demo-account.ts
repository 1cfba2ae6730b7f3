/** A demo Cassa in Cloud account for the sandbox and the tests: three sale points selling the demo shop's goods. */
import { CassaBooks, type CassaProduct } from "./cassa-books";

/** The sandbox's Cassa in Cloud emulator takes this API key (a stand-in, documented in the README; no real account has it). */
export const SANDBOX_CASSA_API_KEY = "sandbox-cassa-demo-key";

/** A simple (one-variant) product as Cassa in Cloud keeps it, with the books' next ids; its SKU is its internal id. */
export function simpleCassaProduct(
  books: CassaBooks,
  product: {
    sku: string;
    description: string;
    price: number;
    idCategory: string;
    enableForECommerce?: boolean;
    descriptionExtended?: string;
    lastUpdate?: string;
  },
): CassaProduct {
  const { sku, description, price } = product;
  return {
    id: books.id("prd"),
    description,
    descriptionExtended: product.descriptionExtended ?? description,
    idCategory: product.idCategory,
    internalId: sku,
    externalId: null,
    multivariant: false,
    prices: [{ value: price }],
    variants: [{ id: books.id("var"), description, internalId: sku, barcodes: [], prices: [{ value: price }] }],
    images: [],
    enableForSale: true,
    enableForECommerce: product.enableForECommerce ?? true,
    lastUpdate: product.lastUpdate ?? new Date().toISOString(),
  };
}

export function demoCassaAccount(now = new Date().toISOString()): CassaBooks {
  const books = new CassaBooks();
  const milano = books.addSalePoint({
    id: 101,
    name: "Milano Brera",
    description: "Bottega di Brera",
    street: "Via Solferino 14",
    city: "Milano",
    zipcode: "20121",
    country: "IT",
    currency: "EUR",
  });
  const torino = books.addSalePoint({
    id: 102,
    name: "Torino Centro",
    description: "Negozio di via Roma",
    street: "Via Roma 80",
    city: "Torino",
    zipcode: "10121",
    country: "IT",
    currency: "EUR",
  });
  const roma = books.addSalePoint({
    id: 103,
    name: "Roma Prati",
    description: "Punto vendita Prati",
    street: "Via Cola di Rienzo 120",
    city: "Roma",
    zipcode: "00192",
    country: "IT",
    currency: "EUR",
  });
  books.addSalePoint({
    id: 104,
    name: "Magazzino (licenza scaduta)",
    description: "",
    street: "",
    city: "Lodi",
    zipcode: "26900",
    country: "IT",
    currency: "EUR",
    hasActiveLicense: false,
  });

  const coffee = { id: books.id("cat"), description: "Caffè", externalId: null, idSalesPoint: null, enableForECommerce: true, lastUpdate: now };
  const cups = { id: books.id("cat"), description: "Tazze", externalId: null, idSalesPoint: null, enableForECommerce: true, lastUpdate: now };
  const bakery = {
    id: books.id("cat"),
    description: "Forno (solo in negozio)",
    externalId: null,
    idSalesPoint: null,
    enableForECommerce: false,
    lastUpdate: now,
  };
  for (const category of [coffee, cups, bakery]) books.categories.set(category.id, category);

  const simple = (sku: string, description: string, price: number, idCategory: string, enableForECommerce = true) =>
    simpleCassaProduct(books, { sku, description, price, idCategory, enableForECommerce, lastUpdate: now });
  const beans = simple("CAF-GRANI-1KG", "Caffè in grani 1 kg", 18.9, coffee.id);
  const moka = simple("CAF-MOKA-250", "Caffè macinato moka", 5.4, coffee.id);
  const pot = simple("MOKA-3", "Moka 3 tazze", 29, cups.id);
  const biscuits = simple("BIS-CACAO-300", "Biscotti al cacao", 4.2, bakery.id, false);
  const cupId = books.id("prd");
  const cup: CassaProduct = {
    id: cupId,
    description: "Tazzina espresso",
    descriptionExtended: "Tazzina espresso in ceramica",
    idCategory: cups.id,
    internalId: "TAZ-ESP",
    externalId: null,
    multivariant: true,
    prices: [{ value: 7 }],
    variants: [
      { id: books.id("var"), description: "Bianca", internalId: "TAZ-ESP-BIA", barcodes: [], prices: [{ value: 7 }] },
      { id: books.id("var"), description: "Nera", internalId: "TAZ-ESP-NER", barcodes: [], prices: [{ value: 7 }] },
    ],
    images: [],
    enableForSale: true,
    enableForECommerce: true,
    lastUpdate: now,
  };
  for (const product of [beans, moka, pot, biscuits, cup]) books.products.set(product.id, product);

  const stock: Array<[number, CassaProduct, number, number]> = [
    [milano.id, beans, -1, 3],
    [torino.id, beans, -1, 10],
    [roma.id, beans, -1, 6],
    [milano.id, moka, -1, 12],
    [torino.id, moka, -1, 0],
    [milano.id, pot, -1, 1],
    [roma.id, pot, -1, 4],
    [milano.id, cup, 0, 8],
    [milano.id, cup, 1, 2],
    [torino.id, cup, 1, 6],
  ];
  for (const [salePoint, product, variantIndex, quantity] of stock)
    books.setStock(salePoint, product, variantIndex >= 0 ? product.variants[variantIndex]! : null, quantity);
  return books;
}
