/**
 * The Shopify Flow trigger "Order could not be sent to the ERP" (extensions/order-erp-failed): sent once per failure
 * streak of an order, when its export fails for good or the ERP books it with other money than Shopify's, so that the
 * merchant's workflows (tag the order, mail the accountant) run once, not at every retry. The streak ends when the
 * order goes through with Shopify's money (recordSaleBooked clears OrderExport.flowAlertedAt); a later failure
 * starts a new one.
 *
 * The order is claimed first (flowAlertedAt set where it was null), so two workers never send it twice; should
 * Shopify not take it, the claim is given back and the next failure tries again. The reason goes in the shop's
 * language. A store without Flow answers with an error that is logged, never shown as the order's problem.
 */
import type { PrismaClient } from "@prisma/client";
import { createI18n } from "../../../i18n/i18n";
import type { MerchantText } from "../../../i18n/merchant-message";
import type { ShopDomain } from "../../ids";
import type { AdminClient } from "../../shopify/admin-client.server";
import { sendFlowTrigger } from "../../shopify/flow-trigger.adapter.server";
import { shopLocale } from "../../shops/shop-locale.server";
import { saidReason } from "./said-reasons";

/** The trigger's handle (extensions/order-erp-failed/shopify.extension.toml). */
export const ORDER_ERP_FAILED_TRIGGER = "order-erp-failed";

export async function alertFlowOfFailure(
  db: PrismaClient,
  shopify: () => Promise<AdminClient>,
  shop: ShopDomain,
  order: { id: string; name: string },
  failure: { reason: string; erpName: string },
): Promise<boolean> {
  const claimed = await db.$executeRaw`
    update "OrderExport" set "flowAlertedAt" = now()
     where shop = ${shop} and "orderId" = ${order.id} and "flowAlertedAt" is null`;
  if (claimed === 0) return false;
  try {
    const { t } = createI18n(await shopLocale(db, shop));
    const said: MerchantText = saidReason(failure.reason);
    const reason = typeof said === "string" ? said : t(said.key, said.params);
    await sendFlowTrigger(await shopify(), ORDER_ERP_FAILED_TRIGGER, {
      order_id: Number(order.id.split("/").pop()),
      Reason: reason,
      ERP: failure.erpName,
    });
    return true;
  } catch (error) {
    await db.$executeRaw`update "OrderExport" set "flowAlertedAt" = null where shop = ${shop} and "orderId" = ${order.id}`;
    console.warn(JSON.stringify({ event: "flow-trigger-not-sent", shop, order: order.name, error: (error as Error).message }));
    return false;
  }
}
