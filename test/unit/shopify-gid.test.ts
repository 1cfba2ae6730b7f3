// GIVEN Shopify's global ids, built and read in one place (app/services/shopify/gid.ts)
// WHEN ids are made from numeric ids, read back, or met in an order
// THEN each is branded with its resource, and an id of the wrong resource (or no GID) is refused, never carried on
import { describe, expect, it } from "vitest";
import { legacyIdOf, parseShopifyGid, shopifyGid } from "../../app/services/shopify/gid";
import { shopifyOrderSchema } from "../../app/services/shopify/shopify-order";
import { testOrder } from "../support/order-builder";

describe("Shopify GIDs", () => {
  it("are built from a numeric id and read back, and refuse anything else", () => {
    expect(shopifyGid("Order", 1001)).toBe("gid://shopify/Order/1001");
    expect(legacyIdOf(shopifyGid("LineItem", "42"))).toBe("42");
    expect(() => shopifyGid("Order", "10; drop table")).toThrow(/not a Shopify Order id/);
    expect(parseShopifyGid("Customer", "gid://shopify/Customer/7")).toBe("gid://shopify/Customer/7");
    expect(parseShopifyGid("Customer", "gid://shopify/Order/7")).toBeNull();
    expect(parseShopifyGid("Order", "7")).toBeNull();
  });

  it("an order's ids are read as GIDs of their own resource: a line id that is a product's is refused", () => {
    const order = testOrder("G");
    expect(shopifyOrderSchema.parse(order).id).toBe(order.id);
    const wrongLine = { ...order, lines: [{ ...order.lines[0]!, id: "gid://shopify/Product/5" }] };
    expect(() => shopifyOrderSchema.parse(wrongLine)).toThrow(/not a Shopify LineItem id/);
    expect(() => shopifyOrderSchema.parse({ ...order, customer: { id: "77", email: null, firstName: null, lastName: null } })).toThrow(
      /not a Shopify Customer id/,
    );
  });
});
