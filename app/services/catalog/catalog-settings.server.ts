/**
 * A shop's catalog settings: where products and stock come from (the POS or
 * the ERP), whether categories and images travel, and the listing rules.
 * A shop that never saved them has the defaults (everything from the POS).
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { DEFAULT_CATALOG_SETTINGS, type CatalogSettings } from "./catalog-settings";
import type { ShopDomain } from "../ids";

export { DEFAULT_CATALOG_SETTINGS, type CatalogSettings };

export async function readCatalogSettings(db: PrismaClient, shop: ShopDomain): Promise<CatalogSettings> {
  const row = await db.catalogSettings.findUnique({ where: { shop } });
  if (!row) return DEFAULT_CATALOG_SETTINGS;
  return {
    productSource: row.productSource === "erp" ? "erp" : "pos",
    stockSource: row.stockSource === "erp" ? "erp" : "pos",
    syncCategories: row.syncCategories,
    syncImages: row.syncImages,
    draftWhenOutOfStock: row.draftWhenOutOfStock,
    draftWhenNotOffered: row.draftWhenNotOffered,
    bulkThreshold: row.bulkThreshold,
  };
}

const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const source = z.enum(["pos", "erp"]);
/** The form's fields; each left as it is when not sent. */
export const catalogSettingsSchema = z.object({
  productSource: source.optional(),
  stockSource: source.optional(),
  syncCategories: flag.optional(),
  syncImages: flag.optional(),
  draftWhenOutOfStock: flag.optional(),
  draftWhenNotOffered: flag.optional(),
  bulkThreshold: z.coerce
    .number({ message: "errors.catalog.bulkNumber" })
    .int("errors.catalog.bulkWhole")
    .min(0, "errors.catalog.bulkMin")
    .max(1_000_000, "errors.catalog.bulkMax")
    .optional(),
});

/**
 * Saves what was sent. A new product source starts the first product sync over: the links to the old source's
 * products are dropped (Shopify's products stay; the sync links them again by SKU, never duplicating), and until it
 * has completed nothing pushes or refreshes from the new source.
 */
export async function saveCatalogSettings(db: PrismaClient, shop: ShopDomain, raw: unknown): Promise<CatalogSettings> {
  const input = catalogSettingsSchema.parse(raw);
  const change = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  await db.$transaction(async (tx) => {
    const before = await tx.catalogSettings.findUnique({ where: { shop } });
    await tx.catalogSettings.upsert({ where: { shop }, create: { shop, ...DEFAULT_CATALOG_SETTINGS, ...change }, update: change });
    const productSourceBefore = before?.productSource ?? DEFAULT_CATALOG_SETTINGS.productSource;
    if (input.productSource && input.productSource !== productSourceBefore) {
      await tx.catalogItem.deleteMany({ where: { shop } });
      await tx.catalogSync.updateMany({
        where: { shop },
        data: {
          firstSync: "not-started",
          checkpoint: null,
          total: null,
          done: 0,
          linked: 0,
          created: 0,
          failed: 0,
          completedAt: null,
          resyncCheckpoint: null,
        },
      });
    }
  });
  return readCatalogSettings(db, shop);
}
