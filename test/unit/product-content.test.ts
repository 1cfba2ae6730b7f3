// GIVEN a product as the POS describes it and as Shopify holds it
// WHEN the product refresh compares them
// THEN the same content gives the same key whatever the price's notation, the description is compared by digest,
//      a merchant's own variants are left out, and the product type counts only when categories travel
import { describe, expect, it } from "vitest";
import { comparable, contentHash, descriptionHtmlOf, imageSetHash, shopifyContent } from "../../app/services/catalog/product-content";
import { textDigest } from "../../app/services/hashing/text-digest";

const wanted = {
  title: "Moka 3 tazze",
  descriptionHtml: descriptionHtmlOf("Moka <3> tazze"),
  productType: "Caffettiere",
  prices: new Map([["MOKA-3", "29.00"]]),
};
const shopify = {
  title: "Moka 3 tazze",
  descriptionDigest: textDigest("<p>Moka &lt;3&gt; tazze</p>  "),
  productType: "Caffettiere",
  variants: [
    { sku: "MOKA-3", price: "29.0" },
    { sku: "MERCHANT-OWN", price: "5.00" },
  ],
};
const skus = new Set(["MOKA-3"]);

describe("product content", () => {
  it("gives the same key for the same content, whatever the price's notation and the merchant's own variants", () => {
    expect(contentHash(comparable(wanted))).toBe(contentHash(shopifyContent(shopify, skus, true)));
  });

  it("differs when the title, the description, a managed price or (with categories) the type differs", () => {
    const key = contentHash(shopifyContent(shopify, skus, true));
    expect(contentHash(comparable({ ...wanted, title: "Moka 6 tazze" }))).not.toBe(key);
    expect(contentHash(comparable({ ...wanted, descriptionHtml: "<p>Nuova</p>" }))).not.toBe(key);
    expect(contentHash(comparable({ ...wanted, prices: new Map([["MOKA-3", "31.00"]]) }))).not.toBe(key);
    expect(contentHash(comparable({ ...wanted, productType: "Tazze" }))).not.toBe(key);
    // Without categories, the type is not compared.
    expect(contentHash(comparable({ ...wanted, productType: null }))).toBe(
      contentHash(shopifyContent({ ...shopify, productType: "Anything" }, skus, false)),
    );
  });

  it("hashes an image set whatever its order, and has no hash for no images", () => {
    expect(imageSetHash(["b.jpg", "a.jpg"])).toBe(imageSetHash(["a.jpg", "b.jpg"]));
    expect(imageSetHash([])).toBeNull();
  });
});
