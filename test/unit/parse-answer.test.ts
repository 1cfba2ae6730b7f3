// GIVEN answers from outside that do not fit what Ponte reads
// WHEN they are parsed at the edge
// THEN they become ContractViolationError naming who answered, what and where it did not fit; good ones pass unchanged
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseAnswer, parseJsonAnswer } from "../../app/services/edges/parse-answer";
import { ContractViolationError, isRetryable } from "../../app/services/errors";
import { payloadOf } from "../../app/services/shopify/admin-client.server";
import { parseAvailableQuantities } from "../../app/services/shopify/graphql/inventory/get-available-quantities";
import { parseBulkProductLine, parseBulkVariantLine } from "../../app/services/shopify/graphql/products/set-product";

const salePoint = z.object({ id: z.number(), name: z.string() });

describe("parsing an answer at the edge", () => {
  it("passes an answer that fits", () => {
    expect(parseAnswer(salePoint, { id: 101, name: "Milano" }, "Cassa in Cloud (GET /salespoint)")).toEqual({ id: 101, name: "Milano" });
  });

  it("refuses one that does not fit, naming who, what and where, as a final failure", () => {
    const failure = (() => {
      try {
        return parseAnswer(salePoint, { id: "101" }, "Cassa in Cloud (GET /salespoint)");
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ContractViolationError);
    expect(isRetryable(failure)).toBe(false);
    expect((failure as Error).message).toMatch(/^Cassa in Cloud \(GET \/salespoint\) answered something Ponte cannot read \(id: .+; name: .+\)$/);
  });

  it("refuses a body that is not JSON, and reads an empty one as {}", () => {
    expect(() => parseJsonAnswer("<html>Bad gateway</html>", "the ERP (GET /health)")).toThrow(ContractViolationError);
    expect(() => parseJsonAnswer("<html>Bad gateway</html>", "the ERP (GET /health)")).toThrow(/not JSON \(<html>Bad gateway/);
    expect(parseJsonAnswer("", "x")).toEqual({});
  });
});

describe("Shopify answers Ponte cannot type from a document", () => {
  it("tells a bulk product list's lines apart and refuses a line that is none of them", () => {
    expect(
      parseBulkProductLine({ id: "gid://shopify/Product/1", title: "Mug", descriptionHtml: "", productType: "", vendor: "Ponte" }),
    ).toMatchObject({ title: "Mug" });
    expect(
      parseBulkProductLine({
        id: "gid://shopify/ProductVariant/2",
        sku: null,
        price: "9.00",
        selectedOptions: [],
        __parentId: "gid://shopify/Product/1",
      }),
    ).toMatchObject({ price: "9.00" });
    expect(parseBulkProductLine({ id: "gid://shopify/Collection/3", title: "Cups", __parentId: "gid://shopify/Product/1" })).toMatchObject({
      title: "Cups",
    });
    expect(() => parseBulkProductLine({ id: "gid://shopify/Product/1", title: 7 })).toThrow(ContractViolationError);
    expect(() => parseBulkVariantLine({ id: "gid://shopify/ProductVariant/2", sku: "A", product: null, inventoryItem: { id: "x" } })).toThrow(
      /bulk variant list/,
    );
  });

  it("reads the aliased available-quantities answer, and refuses a quantity that is not a whole number", () => {
    const answer = { q0: { id: "i", inventoryLevel: { quantities: [{ name: "available", quantity: 4 }] } }, q1: null };
    expect(parseAvailableQuantities(answer)).toEqual(answer);
    expect(() => parseAvailableQuantities({ q0: { id: "i", inventoryLevel: { quantities: [{ name: "available", quantity: "4" }] } } })).toThrow(
      ContractViolationError,
    );
  });

  it("a mutation payload Shopify left null with no error is an answer Ponte cannot read", () => {
    expect(payloadOf({ userErrors: [] }, "tagsAdd")).toEqual({ userErrors: [] });
    expect(() => payloadOf(null, "tagsAdd")).toThrow(ContractViolationError);
  });
});
