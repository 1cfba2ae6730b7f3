/** A shop's choices about how Ponte works for it, read with their defaults and saved from the settings form. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { amount, isAmount } from "../money/money";
import type { ShopDomain } from "../ids";

/** "0,05" (the merchant's decimal comma) reads as 0.05; up to 3 decimals, at most 100. */
const tolerance = z
  .string()
  .trim()
  .transform((value) => (value === "" ? "0.00" : value.replace(",", ".")))
  .refine((value) => isAmount(value) && !value.startsWith("-") && (value.split(".")[1]?.length ?? 0) <= 3 && amount(value).lessThanOrEqualTo(100), {
    message: "errors.erp.tolerance",
  });

export const shopSettingsSchema = z.object({
  ordersToErp: z.enum(["paid", "all"], { message: "errors.erp.ordersToErp" }),
  totalsTolerance: tolerance.default("0.00"),
});
export type ShopSettingsInput = z.output<typeof shopSettingsSchema>;

export async function readShopSettings(db: PrismaClient, shop: ShopDomain): Promise<ShopSettingsInput> {
  const row = await db.shopSettings.findUnique({ where: { shop } });
  return { ordersToErp: row?.ordersToErp === "all" ? "all" : "paid", totalsTolerance: row?.totalsTolerance ?? "0.00" };
}

export async function saveShopSettings(db: PrismaClient, shop: ShopDomain, raw: unknown): Promise<ShopSettingsInput> {
  const input = shopSettingsSchema.parse(raw);
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...input }, update: input });
  return input;
}
