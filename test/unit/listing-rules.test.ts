// GIVEN the listing rules switched on or off and a product's stock and e-commerce flag
// WHEN the rules decide whether it should be on sale
// THEN a product the POS no longer offers, or (when that rule is on) out of stock everywhere, goes off sale
import { describe, expect, it } from "vitest";
import { draftReason } from "../../app/services/catalog/listing-rules.server";

describe("listing rules", () => {
  it("says why a product should be off sale: not offered first, then out of stock; nothing when its rule is off", () => {
    const both = { draftWhenOutOfStock: true, draftWhenNotOffered: true };
    expect(draftReason(both, { offered: false, stock: 0 })).toBe("not-for-ecommerce");
    expect(draftReason(both, { offered: true, stock: 0 })).toBe("out-of-stock");
    expect(draftReason(both, { offered: true, stock: 3 })).toBeNull();
    expect(draftReason({ draftWhenOutOfStock: false, draftWhenNotOffered: false }, { offered: false, stock: 0 })).toBeNull();
  });
});
