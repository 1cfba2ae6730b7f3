// GIVEN text that should name a shop, an ERP connection or a sale point (from a session, a webhook, a job's data, a form)
// WHEN it is read into Ponte's branded ids
// THEN a shop domain is taken only as Shopify writes one, anything else refused by name; empty ids are refused
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../app/services/errors";
import { erpConnectionId, erpRecordId, erpRecordIdSchema, parseShopDomain, salePointId, shopDomain, shopDomainSchema } from "../../app/services/ids";

describe("shop domains", () => {
  it("takes myshopify domains and a custom shop domain as they are", () => {
    expect(parseShopDomain("ponte-demo.myshopify.com")).toBe("ponte-demo.myshopify.com");
    expect(parseShopDomain("shop.example.it")).toBe("shop.example.it");
    expect(shopDomain("a.myshopify.com")).toBe("a.myshopify.com");
  });

  it("refuses what is no host name: empty, spaces, capitals, a scheme, a path, a port, no dot, not text", () => {
    for (const bad of [
      "",
      " a.myshopify.com",
      "A.myshopify.com",
      "https://a.myshopify.com",
      "a.myshopify.com/admin",
      "a.myshopify.com:443",
      "localhost",
      "-a.myshopify.com",
      "a..myshopify.com",
    ]) {
      expect(parseShopDomain(bad), bad).toBeNull();
    }
    expect(parseShopDomain(42)).toBeNull();
    expect(parseShopDomain(null)).toBeNull();
    expect(() => shopDomain("not a shop")).toThrow(InvalidInputError);
    expect(() => shopDomain("not a shop")).toThrow(/not a Shopify shop domain: "not a shop"/);
  });

  it("reads a job's shop field, refusing a bad one with a zod issue", () => {
    expect(shopDomainSchema.parse("b.myshopify.com")).toBe("b.myshopify.com");
    const refused = shopDomainSchema.safeParse("b.myshopify.com; DROP TABLE");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("not a Shopify shop domain");
  });
});

describe("ERP connection and sale point ids", () => {
  it("keeps the id as given and refuses an empty one, naming the field", () => {
    expect(erpConnectionId("3f1c")).toBe("3f1c");
    expect(salePointId("101")).toBe("101");
    expect(() => erpConnectionId("")).toThrow(expect.objectContaining({ field: "erpConnectionId" }));
    expect(() => salePointId("")).toThrow(expect.objectContaining({ field: "salePointId" }));
  });
});

describe("an ERP's own ids", () => {
  it("keeps a Tryton number or an HTTP ERP's text as text, and refuses an empty one in an answer", () => {
    expect(erpRecordId("sale", 42)).toBe("42");
    expect(erpRecordId("customer", "C7")).toBe("C7");
    expect(() => erpRecordId("article", "")).toThrow(expect.objectContaining({ field: "articleId" }));
    const answer = erpRecordIdSchema("sale").safeParse("");
    expect(answer.success).toBe(false);
    expect(answer.error?.issues[0]?.message).toBe("an ERP sale id cannot be empty");
  });
});
