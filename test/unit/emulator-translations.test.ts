// GIVEN the Shopify emulator's demo store (Italian, also English) with a product
// WHEN translations of it are registered as Shopify documents translationsRegister
// THEN a translation against the product's current digest is kept, and one against an old digest, in the primary or
//      an unknown locale, of an unknown key or blank is refused with Shopify's error code, keeping nothing
import { describe, expect, it } from "vitest";
import { translatableResourceView, translationsRegister, translationsView } from "../../emulators/shopify/mutations/translations";
import { DEMO_SHOP, EmulatorState } from "../../emulators/shopify/state";

function store() {
  const shop = new EmulatorState().addShop(DEMO_SHOP);
  const product = shop.catalog.addProduct({ title: "Moka", vendor: "Officina Alpi", variants: [{ sku: "MOKA-3", price: "24.00" }] });
  product.descriptionHtml = "<p>Moka in alluminio.</p>";
  const resourceId = `gid://shopify/Product/${product.id}`;
  const digest = (key = "body_html") =>
    (translatableResourceView(shop, resourceId) as { translatableContent: Array<{ key: string; digest: string | null }> }).translatableContent.find(
      (one) => one.key === key,
    )!.digest!;
  return { shop, product, resourceId, digest };
}

describe("the Shopify emulator's translations", () => {
  it("keeps a translation made against the current content, and marks it outdated once the content changes", () => {
    const { shop, product, resourceId, digest } = store();
    const answer = translationsRegister(shop, {
      resourceId,
      translations: [{ locale: "en", key: "body_html", value: "<p>Aluminium moka pot.</p>", translatableContentDigest: digest() }],
    });
    expect(answer).toMatchObject({ userErrors: [], translations: [{ key: "body_html", locale: "en", value: "<p>Aluminium moka pot.</p>" }] });
    expect(translationsView(product, "en")).toMatchObject([{ key: "body_html", outdated: false }]);
    product.descriptionHtml = "<p>Moka in alluminio, nuova.</p>";
    expect(translationsView(product, "en")).toMatchObject([{ key: "body_html", outdated: true }]);
  });

  it.each([
    ["an old digest", { locale: "en", key: "body_html", translatableContentDigest: "0".repeat(64) }, "INVALID_TRANSLATABLE_CONTENT"],
    ["the primary locale", { locale: "it", key: "body_html" }, "INVALID_LOCALE_FOR_SHOP"],
    ["a locale the shop has not added", { locale: "de", key: "body_html" }, "INVALID_LOCALE_FOR_SHOP"],
    ["a key products do not have", { locale: "en", key: "colour" }, "INVALID_KEY_FOR_MODEL"],
    ["a blank value", { locale: "en", key: "body_html", value: "  " }, "BLANK"],
  ])("refuses %s and keeps nothing", (_what, input, code) => {
    const { shop, product, resourceId, digest } = store();
    const answer = translationsRegister(shop, {
      resourceId,
      translations: [
        { locale: "en", key: "title", value: "Moka pot", translatableContentDigest: digest("title") },
        { value: "<p>Aluminium moka pot.</p>", translatableContentDigest: digest(), ...input },
      ],
    });
    expect(answer).toMatchObject({ translations: null, userErrors: [{ code }] });
    expect(product.translations).toBeUndefined();
  });

  it("refuses a product that does not exist", () => {
    const { shop } = store();
    expect(translationsRegister(shop, { resourceId: "gid://shopify/Product/999999", translations: [] })).toMatchObject({
      userErrors: [{ code: "RESOURCE_NOT_FOUND" }],
    });
  });
});
