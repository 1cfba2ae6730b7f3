/**
 * The shop's Shopify locations and which POS stock each shows (see
 * location-stock). A location never chosen is not synced.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { LocationStockSource } from "./location-stock";

export interface LocationMapping {
  locationId: string;
  locationName: string;
  mapping: LocationStockSource;
}

export const locationChoiceSchema = z.object({
  locationId: z.string().startsWith("gid://shopify/Location/"),
  locationName: z.string().min(1),
  /** "none", "sum", or a sale point's id. */
  choice: z.string().min(1),
});

export async function listLocationMappings(db: PrismaClient, shop: string, locations: Array<{ id: string; name: string }>): Promise<LocationMapping[]> {
  const rows = await db.posLocationStock.findMany({ where: { shop } });
  return locations.map((location) => {
    const row = rows.find((r) => r.locationId === location.id);
    const mapping: LocationStockSource =
      row?.source === "sum" ? { source: "sum" } : row?.source === "sale-point" && row.salePointId ? { source: "sale-point", salePointId: row.salePointId } : { source: "none" };
    return { locationId: location.id, locationName: location.name, mapping };
  });
}

export async function saveLocationMapping(db: PrismaClient, shop: string, raw: unknown): Promise<void> {
  const input = locationChoiceSchema.parse(raw);
  let values: { source: string; salePointId: string | null };
  if (input.choice === "none" || input.choice === "sum") values = { source: input.choice, salePointId: null };
  else {
    const known = await db.posSalePoint.findUnique({ where: { shop_salePointId: { shop, salePointId: input.choice } } });
    if (!known) throw new z.ZodError([{ code: "custom", path: ["choice"], message: "No such sale point", input: input.choice }]);
    values = { source: "sale-point", salePointId: input.choice };
  }
  await db.posLocationStock.upsert({
    where: { shop_locationId: { shop, locationId: input.locationId } },
    create: { shop, locationId: input.locationId, locationName: input.locationName, ...values },
    update: { locationName: input.locationName, ...values },
  });
}

const flag = z.enum(["true", "false"]).transform((v) => v === "true");
export const syncSettingsSchema = z.object({
  syncCategories: flag,
  syncImages: flag,
  /** Listing rules; left as they are when not sent. */
  draftWhenOutOfStock: flag.optional(),
  draftWhenNotOffered: flag.optional(),
});

export async function savePosSyncSettings(db: PrismaClient, shop: string, raw: unknown): Promise<void> {
  const input = syncSettingsSchema.parse(raw);
  await db.posConnection.update({ where: { shop }, data: input });
}
