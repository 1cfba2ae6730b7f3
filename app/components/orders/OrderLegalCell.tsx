/**
 * An order's legal data as read for the ERP: each tax id by its name (codice
 * fiscale, partita IVA, NIP, CPF, CNPJ, EU VAT) and value, the PEC and SDI
 * code; one that failed its check says what is wrong and whether it went to
 * the ERP all the same.
 */
import { BlockStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { OrderSyncRow } from "../../services/sync/orders/order-sync-states";

export function OrderLegalCell({ legal }: { legal: OrderSyncRow["legal"] }) {
  const { t } = useTranslation();
  if (!legal) return null;
  const contacts = [
    legal.pec ? { label: t("orders.legal.pec"), ...legal.pec } : null,
    legal.sdiCode ? { label: t("orders.legal.sdiCode"), ...legal.sdiCode } : null,
  ].filter((contact) => contact !== null);
  return (
    <BlockStack gap="050">
      {legal.taxIds.map((id) => (
        <Text as="span" key={`${id.type}:${id.value}`} tone={id.problem ? "critical" : "subdued"} breakWord>
          {`${t(`orders.legal.type.${id.type}`)} ${id.value}`}
          {id.problem
            ? ` — ${t(`orders.legal.problem.${id.problem}`)} ${legal.sendsInvalid ? t("orders.legal.sentAnyway") : t("orders.legal.notSent")}`
            : ""}
        </Text>
      ))}
      {contacts.map((contact) => (
        <Text as="span" key={contact.label} tone={contact.problem ? "critical" : "subdued"} breakWord>
          {`${contact.label} ${contact.value}`}
          {contact.problem ? ` — ${t("orders.legal.problem.format")}` : ""}
        </Text>
      ))}
    </BlockStack>
  );
}
