// GIVEN the refresh bulk query's lines, where a child line comes after its parent's but not always right after
// WHEN products are put together from them (as the refresh does from the lines it staged)
// THEN each product has its own variants and collections, in order, whatever lines came between
import { describe, expect, it } from "vitest";
import { productStatesOf, type RefreshLine } from "../../app/services/shopify/catalog.adapter.server";

const product = (id: string): RefreshLine => ({ kind: "product", id, title: id, descriptionDigest: "d", productType: "", vendor: "" });
const variant = (productId: string, id: string, sku: string): RefreshLine => ({ kind: "variant", productId, id, sku, price: "1.00", options: [] });

describe("products put together from the refresh's lines", () => {
  it("attaches each child to its product, even after another product's lines", () => {
    const states = productStatesOf([
      product("P1"),
      variant("P1", "V1", "A"),
      product("P2"),
      variant("P2", "V3", "C"),
      variant("P1", "V2", "B"),
      { kind: "collection", productId: "P1", title: "Caffè" },
    ]);
    expect(states.get("P1")!.variants.map((v) => v.sku)).toEqual(["A", "B"]);
    expect(states.get("P1")!.collections).toEqual(["Caffè"]);
    expect(states.get("P2")!.variants.map((v) => v.sku)).toEqual(["C"]);
  });

  it("drops a child whose product is not among the lines", () => {
    const states = productStatesOf([variant("P9", "V9", "Z"), product("P1")]);
    expect([...states.keys()]).toEqual(["P1"]);
    expect(states.get("P1")!.variants).toEqual([]);
  });
});
