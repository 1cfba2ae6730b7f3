/**
 * The POS adapter contract: the same tests for every PosConnector (Cassa in Cloud over its emulator today). What a
 * POS must do for Ponte, in Ponte's terms: keys checked without throwing, sale points, only the products offered to
 * e-commerce, stock by SKU, a web order once per externalId, a passing failure as PosUnavailableError, and an account
 * setting that blocks orders named. An implementation passes it or is not a POS adapter.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isRetryable } from "../../app/services/errors";
import { PosSettingError, PosUnavailableError, type PosConnector } from "../../app/services/pos/pos-connector";
import type { IncompatibleSetting, NewPosOrder } from "../../app/services/pos/pos.types";
import { salePointId } from "../../app/services/ids";

export interface PosContractSubject {
  name: string;
  createAdapter(apiKey?: string): PosConnector;
  /** A key the POS refuses. */
  wrongKey: string;
  /** SKUs the POS offers to e-commerce, and one it sells in store only. */
  offeredSkus: string[];
  storeOnlySku: string;
  /** What a sale point's staff do: count `quantity` of the SKU there. */
  setStock(salePointId: string, sku: string, quantity: number): Promise<void>;
  /** How many orders the POS holds with this externalId. */
  ordersWithExternalId(externalId: string): Promise<number>;
  /** The POS stops answering (or answers 5xx) until called with false. */
  setUnavailable(down: boolean): Promise<void>;
  /** The account is set up so that connectors' orders are refused for this reason, or not at all (null). */
  blockOrders(setting: IncompatibleSetting | null): Promise<void>;
}

export function posAdapterContract(subject: PosContractSubject): void {
  describe(`POS adapter contract: ${subject.name}`, () => {
    const pos = () => subject.createAdapter();
    const anOrder = async (externalId: string): Promise<NewPosOrder> => {
      const [salePoint] = await pos().listSalePoints();
      const variant = (await pos().listProducts()).flatMap((product) => product.variants).find((one) => one.sku === subject.offeredSkus[0])!;
      return {
        externalId,
        salePointId: salePointId(salePoint!.id),
        dueDate: new Date(Date.now() + 3_600_000),
        customer: { name: "Giulia Rossi", email: "giulia@example.it", phone: null },
        note: "Shopify #1001",
        rows: [{ variantId: variant.id, quantity: 1, price: variant.price ?? "1.00", note: null }],
      };
    };

    it("checks a good key by listing its sale points (string ids, names), the same ones listSalePoints gives", async () => {
      const check = await pos().testConnection();
      if (!check.ok) throw new Error(`the good key was refused: ${check.error}`);
      expect(check.salePoints.length).toBeGreaterThan(0);
      for (const point of check.salePoints)
        expect(point).toEqual({ id: expect.any(String), name: expect.stringMatching(/\S/), address: expect.any(String) });
      expect(await pos().listSalePoints()).toEqual(check.salePoints);
    });

    it("answers a wrong key with ok: false and a reason, never by throwing", async () => {
      const check = await subject.createAdapter(subject.wrongKey).testConnection();
      expect(check).toEqual({ ok: false, error: expect.stringMatching(/\S/) });
    });

    it("lists only what it offers to e-commerce, each variant with its SKU and a decimal price", async () => {
      const variants = (await pos().listProducts()).flatMap((product) => product.variants);
      const skus = variants.map((variant) => variant.sku);
      for (const sku of subject.offeredSkus) expect(skus).toContain(sku);
      expect(skus).not.toContain(subject.storeOnlySku);
      for (const variant of variants) {
        expect(variant.id).toEqual(expect.any(String));
        if (variant.price !== null) expect(variant.price).toMatch(/^\d+(\.\d+)?$/);
      }
    });

    it("reads a sale point's stock by SKU, as its staff counted it", async () => {
      const [salePoint] = await pos().listSalePoints();
      const sku = subject.offeredSkus[0]!;
      const before = (await pos().stockAt(salePointId(salePoint!.id))).find((one) => one.sku === sku)?.quantity ?? 0;
      await subject.setStock(salePoint!.id, sku, 17);
      try {
        const level = (await pos().stockAt(salePointId(salePoint!.id))).find((one) => one.sku === sku);
        expect(level?.quantity).toBe(17);
      } finally {
        await subject.setStock(salePoint!.id, sku, before);
      }
    });

    it("gives the same products and stock a page at a time, for several sale points at once, each level saying where", async () => {
      const points = (await pos().listSalePoints()).map((point) => salePointId(point.id));
      const paged = [];
      for await (const page of pos().productPages()) paged.push(...page);
      expect(paged).toEqual(await pos().listProducts());
      const levels = [];
      const covered = [];
      for await (const page of pos().stockPages(points)) {
        levels.push(...page.levels);
        covered.push(...(page.products ?? []));
      }
      const whole = (await Promise.all(points.map(async (point) => (await pos().stockAt(point)).map((level) => ({ ...level, at: point }))))).flat();
      const byPlace = (list: Array<{ at: string; sku: string }>) => [...list].sort((a, b) => `${a.at}|${a.sku}`.localeCompare(`${b.at}|${b.sku}`));
      expect(byPlace(levels)).toEqual(byPlace(whole));
      expect(levels.length).toBeGreaterThan(0);
      if (covered.length > 0) expect(covered).toEqual(paged);
    });

    it("gives products asked for by id, and their stock alone, the same as the whole list and the whole stock say", async () => {
      const all = await pos().listProducts();
      const wanted = all.filter((product) => product.variants.some((variant) => subject.offeredSkus.includes(variant.sku)));
      expect(wanted.length).toBeGreaterThan(0);
      const byId = (list: Array<{ id: string }>) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(await pos().productsWithIds([...wanted.map((product) => product.id), "no-such-product"]))).toEqual(byId(wanted));
      expect(await pos().productsWithIds([])).toEqual([]);
      const [salePoint] = await pos().listSalePoints();
      const point = salePointId(salePoint!.id);
      const skus = new Set(wanted.flatMap((product) => product.variants.map((variant) => variant.sku)));
      const bySku = (list: Array<{ sku: string }>) => [...list].sort((a, b) => a.sku.localeCompare(b.sku));
      expect(bySku(await pos().stockOfProducts(point, wanted))).toEqual(bySku((await pos().stockAt(point)).filter((level) => skus.has(level.sku))));
      expect(await pos().stockOfProducts(point, [])).toEqual([]);
    });

    it("takes a web order once per externalId: the repeat is answered as a repeat and makes no second order", async () => {
      const externalId = `contract-${randomUUID()}`;
      const first = await pos().sendOrder(await anOrder(externalId));
      expect(first).toMatchObject({ externalId, repeated: false, id: expect.any(String) });
      expect(await pos().sendOrder(await anOrder(externalId))).toEqual({ id: null, externalId, repeated: true });
      expect(await subject.ordersWithExternalId(externalId)).toBe(1);
    });

    it("names an account setting that blocks connectors' orders, and takes none", async () => {
      const externalId = `contract-${randomUUID()}`;
      const order = await anOrder(externalId);
      await subject.blockOrders("mandatory-time");
      try {
        const refused = await pos()
          .sendOrder(order)
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(PosSettingError);
        expect(refused).toMatchObject({ setting: "mandatory-time" });
        expect(isRetryable(refused)).toBe(false);
        expect(await subject.ordersWithExternalId(externalId)).toBe(0);
      } finally {
        await subject.blockOrders(null);
      }
    });

    it("fails with PosUnavailableError (a passing failure) while it does not answer, and works again after", async () => {
      await subject.setUnavailable(true);
      try {
        const failure = await pos()
          .listSalePoints()
          .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(PosUnavailableError);
        expect(isRetryable(failure)).toBe(true);
      } finally {
        await subject.setUnavailable(false);
      }
      expect((await pos().listSalePoints()).length).toBeGreaterThan(0);
    });
  });
}
