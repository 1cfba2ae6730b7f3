/** A shop's choices about how Ponte works for it, read with their defaults and saved from the settings form. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

export const shopSettingsSchema = z.object({
  ordersToErp: z.enum(["paid", "all"], { message: "Choose which orders go to the ERP" }),
});
export type ShopSettingsInput = z.infer<typeof shopSettingsSchema>;

export async function readShopSettings(db: PrismaClient, shop: string): Promise<ShopSettingsInput> {
  const row = await db.shopSettings.findUnique({ where: { shop } });
  return { ordersToErp: row?.ordersToErp === "all" ? "all" : "paid" };
}

export async function saveShopSettings(db: PrismaClient, shop: string, raw: unknown): Promise<ShopSettingsInput> {
  const input = shopSettingsSchema.parse(raw);
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...input }, update: input });
  return input;
}
