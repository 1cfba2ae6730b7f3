/**
 * The totals check: the sale as the ERP booked it (its total with tax, and
 * its tax, as the ERP computed them from the lines and taxes it received)
 * against Shopify's current total and tax. Pure. A difference larger than
 * the shop's tolerance is a sentence the merchant reads on the Orders page
 * ("Booked with a difference: ERP 160.46, Shopify 155.22"), never silence.
 */
import { amount, format, isAmount } from "../../money/money";
import type { ErpSalesOrder } from "../../erp/erp.types";
import type { ShopifyOrder } from "../../shopify/shopify-order";

export interface TotalsCheck {
  erpTotal: string;
  erpTax: string | null;
  shopifyTotal: string;
  shopifyTax: string;
  differs: boolean;
  message: string | null;
}

/** null when the order's snapshot predates the check (it has no Shopify totals). */
export function checkTotals(
  order: Pick<ShopifyOrder, "totals" | "currency">,
  sale: Pick<ErpSalesOrder, "total" | "tax">,
  tolerance: string,
): TotalsCheck | null {
  if (!order.totals) return null;
  const currency = order.currency;
  const allowed = isAmount(tolerance) ? amount(tolerance).abs() : amount("0");
  const totalGap = amount(sale.total).minus(amount(order.totals.total)).abs();
  const taxGap = sale.tax === null ? null : amount(sale.tax).minus(amount(order.totals.tax)).abs();
  const differs = totalGap.greaterThan(allowed) || (taxGap !== null && taxGap.greaterThan(allowed));
  const erpTotal = format(sale.total, currency);
  const erpTax = sale.tax === null ? null : format(sale.tax, currency);
  const message = differs
    ? `Booked with a difference: ERP ${erpTotal}, Shopify ${order.totals.total} ${currency}` +
      (erpTax !== null && taxGap!.greaterThan(allowed) ? ` (tax: ERP ${erpTax}, Shopify ${order.totals.tax})` : "") +
      ". Check the taxes and prices of this sale in the ERP against the Shopify order, then correct the sale there."
    : null;
  return { erpTotal, erpTax, shopifyTotal: order.totals.total, shopifyTax: order.totals.tax, differs, message };
}
