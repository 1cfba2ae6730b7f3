/** The sandbox's demo shop content: an Italian shop with two stores, a small catalog and a few orders. */
import type { EmulatedShop } from "./state";

const CATALOG = [
  { title: "Caffè in grani 1 kg", vendor: "Torrefazione Ponte", productType: "Caffè", variants: [{ sku: "CAF-GRANI-1KG", price: "18.90" }] },
  { title: "Caffè macinato moka", vendor: "Torrefazione Ponte", productType: "Caffè", variants: [{ sku: "CAF-MOKA-250", price: "5.40" }] },
  {
    title: "Tazzina espresso",
    vendor: "Ceramiche del Lago",
    productType: "Tazze",
    variants: [
      { sku: "TAZ-ESP-BIA", title: "Bianca", price: "7.00" },
      { sku: "TAZ-ESP-NER", title: "Nera", price: "7.00" },
    ],
  },
  { title: "Biscotti al cacao", vendor: "Forno Aurora", productType: "Dolci", variants: [{ sku: "BIS-CACAO-300", price: "4.20" }] },
  { title: "Moka 3 tazze", vendor: "Officina Alpi", productType: "Caffettiere", variants: [{ sku: "MOKA-3", price: "29.00" }] },
];

export function seedDemoShop(shop: EmulatedShop): void {
  if (shop.catalog.products.size > 0) return;
  const [milano, torino] = shop.locations;
  for (const product of CATALOG) {
    shop.catalog.addProduct({
      ...product,
      variants: product.variants.map((variant, n) => ({ ...variant, stock: { [milano!.id]: 12 + n * 3, [torino!.id]: 4 + n } })),
    });
  }
  const productOf = (sku: string) => [...shop.catalog.variants.values()].find((v) => v.sku === sku)!.productId;
  shop.catalog.addCollection("Colazione", ["CAF-GRANI-1KG", "CAF-MOKA-250", "BIS-CACAO-300"].map(productOf));
  shop.catalog.addCollection("Idee regalo", ["TAZ-ESP-BIA", "MOKA-3"].map(productOf));
  const variant = (sku: string) => [...shop.catalog.variants.values()].find((v) => v.sku === sku)!;
  const line = (sku: string, quantity: number) => ({
    variantId: variant(sku).id,
    sku,
    title: shop.catalog.products.get(variant(sku).productId)!.title,
    quantity,
    price: variant(sku).price,
  });
  const address = { firstName: "Giulia", lastName: "Rossi", address1: "Via Torino 12", city: "Milano", zip: "20123", countryCode: "IT" };
  shop.orders.createOrder({
    customer: { email: "giulia.rossi@example.it", firstName: "Giulia", lastName: "Rossi" },
    lines: [line("CAF-GRANI-1KG", 2), line("TAZ-ESP-BIA", 4)],
    shippingAddress: address,
    // What Shopify's Italian checkout asks for when the merchant turns it on (Order.localizedFields).
    localizedFields: [
      { key: "TAX_CREDENTIAL_IT", value: "RSSGLI85M41F205V" },
      { key: "TAX_EMAIL_IT", value: "giulia.rossi@pec.it" },
    ],
  });
  shop.orders.createOrder({
    customer: { email: "marco.bianchi@example.it", firstName: "Marco", lastName: "Bianchi" },
    lines: [line("MOKA-3", 1)],
    financialStatus: "PENDING",
    shippingAddress: { ...address, firstName: "Marco", lastName: "Bianchi", city: "Torino", zip: "10121" },
    // A codice fiscale typed with its last letter wrong (BNCMRC80A01L219U is right): the Orders page says so.
    localizedFields: [{ key: "TAX_CREDENTIAL_IT", value: "BNCMRC80A01L219X" }],
  });
  const cancelled = shop.orders.createOrder({ email: "ospite@example.it", lines: [line("BIS-CACAO-300", 3)] });
  shop.orders.cancelOrder(cancelled.id, "CUSTOMER");
}
