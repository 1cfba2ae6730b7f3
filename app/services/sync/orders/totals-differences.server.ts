/**
 * Orders the ERP booked with other totals than Shopify's, not yet reported:
 * the ERP status sync (every 10 minutes) names each in its run log and fails,
 * which raises the failure alert (and its one email) for the merchant. Each
 * difference is reported once: a sale updated later is checked, and
 * reported, anew.
 */
import type { PrismaClient } from "@prisma/client";
import { PermanentError } from "../../errors";
import type { ShopDomain } from "../../ids";

export interface ReportedDifference {
  orderName: string;
  flag: string;
}

/** Claims the differences not reported yet (two runs never report one twice). */
export async function claimTotalsDifferences(db: PrismaClient, shop: ShopDomain): Promise<ReportedDifference[]> {
  const rows = await db.$queryRaw<Array<{ orderName: string; flag: string | null }>>`
    update "OrderExport" set "totalsReportedAt" = now()
    where shop = ${shop} and "totalsDiffer" and "totalsReportedAt" is null
    returning "orderName", flag`;
  return rows.map((row) => ({ orderName: row.orderName, flag: row.flag ?? "booked with a difference" }));
}

/** The run's failure: what the merchant reads in the alert. */
export function totalsDifferenceFailure(differences: ReportedDifference[]): PermanentError {
  const names = differences
    .slice(0, 5)
    .map((d) => d.orderName)
    .join(", ");
  const more = differences.length > 5 ? ` and ${differences.length - 5} more` : "";
  const count = differences.length === 1 ? "1 order was" : `${differences.length} orders were`;
  return new PermanentError(`${count} booked in the ERP with other totals than Shopify's (${names}${more}); the Orders page shows the figures`);
}
