/** The stock history report: what the stock push changed, per SKU and location, newest first, searchable by SKU. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { ShopDomain } from "../ids";

export const stockHistoryQuerySchema = z.object({ sku: z.string().trim().max(100).optional().default("") });
export type StockHistoryQuery = z.infer<typeof stockHistoryQuerySchema>;

export interface StockHistoryRow {
  id: string;
  at: string;
  sku: string;
  location: string;
  from: number | null;
  to: number;
  runId: string | null;
}

export async function listStockChanges(db: PrismaClient, shop: ShopDomain, query: StockHistoryQuery, take = 200): Promise<StockHistoryRow[]> {
  const rows = await db.stockChange.findMany({
    where: { shop, ...(query.sku ? { sku: { contains: query.sku, mode: "insensitive" as const } } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    sku: row.sku,
    location: row.locationName,
    from: row.fromQuantity,
    to: row.toQuantity,
    runId: row.runId,
  }));
}
