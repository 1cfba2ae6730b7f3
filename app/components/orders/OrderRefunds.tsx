/**
 * An order's refunds on the Orders page: each with its date, its money, what became of it in the ERP (its credit note's
 * number once booked) and why, in the merchant's language; and its returns that brought goods back with no refund or
 * exchanged them (the ERP sale of the new items).
 */
import { Badge, BlockStack, InlineStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { Money, OrderRefundState } from "../../services/sync/orders/order-sync-states";
import type { Formatter } from "../../i18n/format";
import { SaidReason } from "./OrderPosCell";

const TONE: Record<string, "success" | "critical" | "attention" | "info" | undefined> = {
  booked: "success",
  failed: "critical",
  retrying: "attention",
  waiting: "info",
};

const moneyText = (format: Formatter, money: Money | null) => (money ? format.money(money.amount, money.currency) : "");

export function OrderRefunds({ refunds, format }: { refunds: OrderRefundState[]; format: Formatter }) {
  const { t } = useTranslation();
  if (refunds.length === 0) return null;
  return (
    <BlockStack gap="100">
      {refunds.map((refund) => (
        <BlockStack key={refund.refundId} gap="050">
          <InlineStack gap="100" blockAlign="center">
            <Text as="span" tone="subdued">
              <span suppressHydrationWarning>
                {refund.returnName !== undefined
                  ? t(refund.exchangeSaleNumber !== undefined ? "orders.refund.exchangeLine" : "orders.refund.returnLine", {
                      name: refund.returnName,
                      date: format.date(refund.refundedAt),
                    })
                  : t("orders.refund.line", { date: format.date(refund.refundedAt), amount: moneyText(format, refund.refunded ?? refund.total) })}
              </span>
            </Text>
            <Badge tone={TONE[refund.status]}>{t(`orders.refund.status.${refund.status}`, { defaultValue: refund.status })}</Badge>
            {refund.totalsDiffer ? <Badge tone="warning">{t("orders.refund.differs")}</Badge> : null}
          </InlineStack>
          {refund.creditNoteNumber ? (
            <Text as="span">
              {refund.returnName !== undefined
                ? t(refund.exchangeSaleNumber !== undefined ? "orders.refund.exchangeNote" : "orders.refund.stockNote", {
                    number: refund.creditNoteNumber,
                  })
                : t("orders.refund.creditNote", { number: refund.creditNoteNumber, total: moneyText(format, refund.total) })}
            </Text>
          ) : null}
          {refund.exchangeSaleNumber ? <Text as="span">{t("orders.refund.exchangeSale", { number: refund.exchangeSaleNumber })}</Text> : null}
          {refund.reason ? (
            <Text as="span" tone={refund.status === "failed" ? "critical" : "subdued"} breakWord>
              <SaidReason text={refund.reason} />
            </Text>
          ) : null}
        </BlockStack>
      ))}
    </BlockStack>
  );
}
