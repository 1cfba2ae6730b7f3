/**
 * The Shopify adapters' contract: the same tests for whatever answers as Shopify's Admin API (the emulator today).
 * What Ponte needs of Shopify, in Ponte's terms, through its adapters only: a product made with its variants and
 * found again by SKU (bulk query), stock set under an idempotency key and read back, a stale compare-and-set refused
 * without effect, a product rewritten, repriced and taken off sale, an order read whole, and an order tagged,
 * fulfilled with tracking and cancelled (a second cancel is no failure).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AdminClient } from "../../app/services/shopify/admin-client.server";
import {
  availableQuantities,
  createProduct,
  productsForRefresh,
  rewriteProduct,
  setProductStatus,
  setVariantPrices,
  variantsBySku,
} from "../../app/services/shopify/catalog.adapter.server";
import { quantitiesCallKey, setQuantitiesOnce } from "../../app/services/shopify/inventory.adapter.server";
import { ShopifyOrderActions } from "../../app/services/shopify/order-status.adapter.server";
import { readOrder } from "../../app/services/shopify/order-reader.server";

export interface ShopifyContractSubject {
  name: string;
  client(): AdminClient;
  /** The shop's locations (GIDs). */
  locationIds(): Promise<string[]>;
  /** A customer places a paid order of these lines. */
  placeOrder(lines: Array<{ sku: string; title: string; quantity: number; price: string }>): Promise<{ id: string; name: string }>;
  /** The order as Shopify shows it to the merchant. */
  orderAsShown(id: string): Promise<{ tags: string[]; cancelled: boolean; fulfillmentStatus: string | null; trackingNumbers: string[] }>;
  /** A product's status as Shopify shows it. */
  productStatus(id: string): Promise<string>;
}

export function shopifyAdapterContract(subject: ShopifyContractSubject): void {
  describe(`Shopify adapter contract: ${subject.name}`, () => {
    const client = () => subject.client();
    const sku = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;
    const newProduct = async (skus: string[]) => {
      const created = await createProduct(client(), {
        title: "Moka 3 tazze",
        descriptionHtml: "<p>Alluminio</p>",
        productType: "Caffettiere",
        variants: skus.map((one, index) => ({ sku: one, price: `${20 + index}.00`, name: `Colore ${index + 1}` })),
        locationIds: await subject.locationIds(),
      });
      if (!created.ok) throw new Error(`Shopify made no product: ${created.message}`);
      return created;
    };

    it("makes a product with its variants, tracked at every location, and finds each variant again by SKU", async () => {
      const skus = [sku("MOKA-R"), sku("MOKA-B")];
      const created = await newProduct(skus);
      expect(created.variants.map((variant) => variant.sku).sort()).toEqual([...skus].sort());
      const bySku = await variantsBySku(client(), { pollIntervalMs: 50 });
      for (const variant of created.variants) {
        expect(bySku.get(variant.sku)).toEqual({
          productId: created.productId,
          variantId: variant.variantId,
          inventoryItemId: variant.inventoryItemId,
        });
      }
      const [location] = await subject.locationIds();
      const stocked = await availableQuantities(client(), [{ inventoryItemId: created.variants[0]!.inventoryItemId, locationId: location! }]);
      expect([...stocked.values()]).toEqual([0]);
    });

    it("sets stock once under one idempotency key, reads it back, and refuses a stale compare-and-set without effect", async () => {
      const created = await newProduct([sku("GRANI")]);
      const [location] = await subject.locationIds();
      const pair = { inventoryItemId: created.variants[0]!.inventoryItemId, locationId: location! };
      const quantities = [{ ...pair, quantity: 7, changeFromQuantity: 0 }];
      const key = quantitiesCallKey(randomUUID(), 0, 1, quantities);
      const request = { name: "available" as const, reason: "correction", quantities };
      const first = await setQuantitiesOnce(client(), request, key);
      expect(first).toEqual({ applied: 1, stale: new Set(), refused: new Map() });
      // The same call again (an answer lost on the way): Shopify replays its first answer, 7 stays 7.
      expect(await setQuantitiesOnce(client(), request, key)).toEqual(first);
      expect((await availableQuantities(client(), [pair])).get(`${pair.inventoryItemId}|${pair.locationId}`)).toBe(7);
      // A new call that still believes the quantity is 0 is refused, and nothing changes.
      const staleQuantities = [{ ...pair, quantity: 9, changeFromQuantity: 0 }];
      const stale = await setQuantitiesOnce(
        client(),
        { ...request, quantities: staleQuantities },
        quantitiesCallKey(randomUUID(), 0, 1, staleQuantities),
      );
      expect(stale.applied).toBe(0);
      // Shopify's CHANGE_FROM_QUANTITY_STALE on input.quantities.0, read by the adapter as "position 0 is stale".
      expect(stale).toEqual({ applied: 0, stale: new Set([0]), refused: new Map() });
      expect((await availableQuantities(client(), [pair])).get(`${pair.inventoryItemId}|${pair.locationId}`)).toBe(7);
    });

    it("reads a product as the refresh compares it, rewrites it keeping every variant, reprices one, and takes it off sale and back", async () => {
      const skus = [sku("TAZZA-R"), sku("TAZZA-B")];
      const created = await newProduct(skus);
      const read = async () => (await productsForRefresh(client(), new Set([created.productId]), { pollIntervalMs: 50 })).get(created.productId)!;
      const current = await read();
      expect(current).toMatchObject({ title: "Moka 3 tazze", productType: "Caffettiere" });
      expect(current.variants.map((variant) => variant.sku).sort()).toEqual([...skus].sort());

      const rewritten = await rewriteProduct(client(), current, {
        title: "Tazza da caffè",
        descriptionHtml: "<p>Porcellana</p>",
        productType: null,
        prices: new Map([[skus[0]!, "12.50"]]),
        images: null,
      });
      expect(rewritten).toEqual({ ok: true });
      const after = await read();
      expect(after.title).toBe("Tazza da caffè");
      expect(after.productType).toBe("Caffettiere");
      expect(Object.fromEntries(after.variants.map((variant) => [variant.sku, variant.price]))).toEqual({ [skus[0]!]: "12.50", [skus[1]!]: "21.00" });

      const second = after.variants.find((variant) => variant.sku === skus[1])!;
      expect(await setVariantPrices(client(), created.productId, [{ variantId: second.id, price: "19.90" }])).toEqual({ ok: true });
      expect((await read()).variants.find((variant) => variant.sku === skus[1])!.price).toBe("19.90");

      expect(await setProductStatus(client(), created.productId, "DRAFT")).toEqual({ ok: true });
      expect(await subject.productStatus(created.productId)).toBe("DRAFT");
      expect(await setProductStatus(client(), created.productId, "ACTIVE")).toEqual({ ok: true });
      expect(await subject.productStatus(created.productId)).toBe("ACTIVE");
    });

    it("reads an order whole, in Ponte's terms, and says null for one Shopify does not have", async () => {
      const placed = await subject.placeOrder([
        { sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 2, price: "18.90" },
        { sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00" },
      ]);
      const order = await readOrder(client(), placed.id);
      expect(order).toMatchObject({ id: placed.id, name: placed.name, cancelledAt: null });
      expect(order!.lines.map((line) => [line.sku, line.quantity, line.price])).toEqual([
        ["CAF-1KG", 2, "18.90"],
        ["MOKA-3", 1, "29.00"],
      ]);
      expect(await readOrder(client(), "gid://shopify/Order/999999999")).toBeNull();
    });

    it("tags an order, fulfils it with its tracking number, and refuses nothing when asked to fulfil it again", async () => {
      const placed = await subject.placeOrder([{ sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 1, price: "18.90" }]);
      const actions = new ShopifyOrderActions(client());
      expect(await actions.addTags(placed.id, ["ERP: shipped"])).toEqual({ ok: true });
      expect(await actions.fulfil(placed.id, { company: "BRT", number: "BRT-123" })).toEqual({ ok: true });
      expect(await actions.fulfil(placed.id, { company: "BRT", number: "BRT-123" })).toEqual({ ok: true });
      const shown = await subject.orderAsShown(placed.id);
      expect(shown.tags).toContain("ERP: shipped");
      expect(shown.fulfillmentStatus).toBe("fulfilled");
      expect(shown.trackingNumbers).toEqual(["BRT-123"]);
    });

    it("cancels an open order; a second cancel, or one the merchant made already, counts as done", async () => {
      const placed = await subject.placeOrder([{ sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 1, price: "18.90" }]);
      const actions = new ShopifyOrderActions(client());
      expect(await actions.cancel(placed.id, "Cancelled in the ERP")).toEqual({ ok: true });
      expect((await subject.orderAsShown(placed.id)).cancelled).toBe(true);
      expect(await actions.cancel(placed.id, "Cancelled in the ERP")).toEqual({ ok: true });
      expect((await readOrder(client(), placed.id))!.cancelledAt).not.toBeNull();
    });
  });
}
