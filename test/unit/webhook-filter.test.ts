// GIVEN the Shopify emulator's delivery of a webhook under a subscription's include_fields and filter
// WHEN Shopify's documented example filter and nested field are applied to its documented products/update payload
// THEN the filter passes it, and fails it when any one term fails (any variant may match a nested term); NOT, "-", OR
//      and parentheses work as in Shopify's search syntax; a malformed filter is refused; include_fields keeps the
//      listed fields only, a nested one in every element of a list
import { describe, expect, it } from "vitest";
import { includeFields, passesFilter } from "../../emulators/shopify/webhook-filter";

// Shopify's own example (shopify.dev/docs/apps/build/webhooks/delivery-filtering), its weight and price made to pass.
const product = {
  id: 9554194432293,
  title: "T-Shirt",
  status: "active",
  vendor: "My Store",
  product_type: "Music",
  variants: [
    { id: 123456789, title: "Default Title", price: "29.99", taxable: true, weight: 0.2 },
    { id: 123456790, title: "Album deluxe", price: "120.00", taxable: true, weight: 0.4 },
  ],
  tags: "cotton, comfortable",
};
const DOCUMENTED =
  "id:* AND status:active AND (product_type:Music OR product_type:Movies) AND variants.taxable:true AND variants.weight:<5 AND variants.price:>=100 AND variants.title:Album*";

describe("webhook filters in the emulator", () => {
  it("passes Shopify's documented example, and fails it when one term fails", () => {
    expect(passesFilter(product, DOCUMENTED)).toBe(true);
    expect(passesFilter({ ...product, status: "draft" }, DOCUMENTED)).toBe(false);
    expect(passesFilter({ ...product, product_type: "Books" }, DOCUMENTED)).toBe(false);
    expect(passesFilter({ ...product, variants: [product.variants[0]] }, DOCUMENTED)).toBe(false);
    const { id: _, ...withoutId } = product;
    expect(passesFilter(withoutId, DOCUMENTED)).toBe(false);
    expect(passesFilter(product, "variants.price:>=10.00")).toBe(true);
  });

  it("reads NOT, a leading minus, OR, an implicit AND, quotes and a tag among the tags", () => {
    expect(passesFilter(product, "NOT status:draft")).toBe(true);
    expect(passesFilter(product, "-status:active")).toBe(false);
    expect(passesFilter(product, 'status:draft OR vendor:"My Store"')).toBe(true);
    expect(passesFilter(product, "status:active vendor:Other")).toBe(false);
    expect(passesFilter(product, "tags:cotton")).toBe(true);
    expect(passesFilter(product, "tags:silk")).toBe(false);
  });

  it("refuses a malformed filter", () => {
    expect(() => passesFilter(product, "(status:active")).toThrow(/not closed/);
    expect(() => passesFilter(product, "status")).toThrow(/field:value/);
  });

  it("keeps only the included fields, a nested one in every element", () => {
    expect(includeFields(product, ["id", "variants.price", "missing"])).toEqual({
      id: 9554194432293,
      variants: [{ price: "29.99" }, { price: "120.00" }],
    });
  });
});
