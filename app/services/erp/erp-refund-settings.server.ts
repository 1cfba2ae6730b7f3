/**
 * What a refund made after an order was exported does in each ERP: nothing (off), kept and shown on the Orders page
 * (record), or booked as a credit note (book). Saved from the ERP page's form, parsed.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { FormRefusal } from "../forms/form-refusal";
import type { ShopDomain } from "../ids";
import { REFUNDS_MODES, type RefundsMode } from "./refunds-mode";

export const erpRefundsInputSchema = z.object({ refundsMode: z.enum(REFUNDS_MODES, "errors.refunds.mode") });

export async function saveErpRefundsMode(db: PrismaClient, shop: ShopDomain, raw: unknown): Promise<{ refundsMode: RefundsMode }> {
  const form = (raw ?? {}) as Record<string, unknown>;
  const row = await db.erpConnection.findFirst({ where: { shop, id: String(form.connectionId ?? "") }, select: { id: true } });
  if (!row) throw new FormRefusal("errors.erp.gone");
  const { refundsMode } = erpRefundsInputSchema.parse(raw);
  await db.erpConnection.update({ where: { id: row.id }, data: { refundsMode } });
  return { refundsMode };
}
