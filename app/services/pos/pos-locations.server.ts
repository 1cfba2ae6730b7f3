/**
 * The shop's Shopify locations and which stock each shows (see
 * location-stock): the POS's (one sale point, or the sum of the active ones)
 * or an ERP warehouse's. A location never chosen is not synced.
 */
import { LOCATION_GID_PREFIX } from "../shopify/gid";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { LocationStockSource } from "./location-stock";
import { salePointId, type ShopDomain } from "../ids";

export interface LocationMapping {
  locationId: string;
  locationName: string;
  mapping: LocationStockSource;
}

export const locationChoiceSchema = z.object({
  locationId: z.string().startsWith(LOCATION_GID_PREFIX),
  locationName: z.string().min(1),
  /** "none", "sum", a sale point's id, or "warehouse:" and an ERP warehouse's id. */
  choice: z.string().min(1),
});

export async function listLocationMappings(
  db: PrismaClient,
  shop: ShopDomain,
  locations: Array<{ id: string; name: string }>,
): Promise<LocationMapping[]> {
  const rows = await db.posLocationStock.findMany({ where: { shop } });
  return locations.map((location) => {
    const row = rows.find((r) => r.locationId === location.id);
    const mapping: LocationStockSource =
      row?.source === "sum"
        ? { source: "sum" }
        : row?.source === "sale-point" && row.salePointId
          ? { source: "sale-point", salePointId: salePointId(row.salePointId) }
          : row?.source === "warehouse" && row.warehouseId
            ? { source: "warehouse", warehouseId: row.warehouseId }
            : { source: "none" };
    return { locationId: location.id, locationName: location.name, mapping };
  });
}

export const WAREHOUSE_CHOICE = "warehouse:";

/** Saves a location's choice; `warehouses` are the ERP's (a warehouse choice must be one of them). */
export async function saveLocationMapping(
  db: PrismaClient,
  shop: ShopDomain,
  raw: unknown,
  warehouses: ReadonlyArray<{ id: string }> = [],
): Promise<void> {
  const input = locationChoiceSchema.parse(raw);
  let values: { source: string; salePointId: string | null; warehouseId: string | null };
  if (input.choice === "none" || input.choice === "sum") values = { source: input.choice, salePointId: null, warehouseId: null };
  else if (input.choice.startsWith(WAREHOUSE_CHOICE)) {
    const warehouseId = input.choice.slice(WAREHOUSE_CHOICE.length);
    if (!warehouses.some((warehouse) => warehouse.id === warehouseId))
      throw new z.ZodError([{ code: "custom", path: ["choice"], message: "errors.catalog.noWarehouse", input: input.choice }]);
    values = { source: "warehouse", salePointId: null, warehouseId };
  } else {
    const known = await db.posSalePoint.findUnique({ where: { shop_salePointId: { shop, salePointId: input.choice } } });
    if (!known) throw new z.ZodError([{ code: "custom", path: ["choice"], message: "errors.catalog.noSalePoint", input: input.choice }]);
    values = { source: "sale-point", salePointId: input.choice, warehouseId: null };
  }
  await db.posLocationStock.upsert({
    where: { shop_locationId: { shop, locationId: input.locationId } },
    create: { shop, locationId: input.locationId, locationName: input.locationName, ...values },
    update: { locationName: input.locationName, ...values },
  });
}
