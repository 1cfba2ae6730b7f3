/**
 * Deliveries about shops that have no active installation of Ponte (never
 * installed, or uninstalled since). Their payloads are not kept; only how many
 * came, per shop and topic, and when the last one did, for the operator.
 */
import type { PrismaClient } from "@prisma/client";
import type { ShopDomain } from "../ids";
import { sqlRunner, type SqlRunner } from "../database/sql-runner.server";

export async function recordUnknownShopDelivery(db: PrismaClient | SqlRunner, shop: ShopDomain, topic: string, now = new Date()): Promise<void> {
  await sqlRunner(db)(
    `INSERT INTO "UnknownShopDelivery" (shop, topic, "firstAt", "lastAt") VALUES ($1, $2, $3::timestamp(3), $3::timestamp(3))
     ON CONFLICT (shop, topic) DO UPDATE SET count = "UnknownShopDelivery".count + 1, "lastAt" = $3::timestamp(3)
     RETURNING count`,
    // UTC wall-clock text, as Prisma keeps times in these columns (timestamp without time zone).
    [shop, topic, now.toISOString()],
  );
}
