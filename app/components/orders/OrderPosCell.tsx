import { Badge, BlockStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { OrderPosState } from "../../services/sync/orders/order-sync-states";
import { saidReason } from "../../services/sync/orders/said-reasons";
import { useSay } from "../../i18n/use-say";

/** A reason or flag Ponte wrote on an order, in the merchant's language (an outside system's words as they came). */
export function SaidReason({ text }: { text: string }) {
  const say = useSay();
  return <>{say(saidReason(text))}</>;
}

const TONES: Record<string, "success" | "critical" | "warning" | "attention" | "info" | undefined> = {
  planned: "info",
  dispatched: "success",
  waiting: "attention",
  retrying: "warning",
  unservable: "warning",
  "cancel-flagged": "critical",
  failed: "critical",
};

/** An order at the POS: its state, then one line per sale point with its POS order number (or "to send"), then why it is held back. */
export function OrderPosCell({ pos }: { pos: OrderPosState | null }) {
  const { t } = useTranslation();
  if (!pos) return <Text as="span">—</Text>;
  return (
    <div style={{ whiteSpace: "normal", minWidth: "10rem", maxWidth: "18rem" }}>
      <BlockStack gap="100">
        <span>
          <Badge tone={TONES[pos.status]}>{t(`orders.pos.status.${pos.status}`, { defaultValue: pos.status })}</Badge>
        </span>
        {pos.shares.map((share) => (
          <Text as="span" key={share.salePointId} breakWord>
            {share.sent
              ? t("orders.pos.sent", { salePoint: share.salePointName, number: share.posOrderId ?? "—", count: share.units })
              : t("orders.pos.toSend", { salePoint: share.salePointName, count: share.units })}
          </Text>
        ))}
        {pos.reason && pos.status !== "waiting" ? (
          <Text as="span" tone={pos.status === "cancel-flagged" ? "critical" : "caution"} breakWord>
            <SaidReason text={pos.reason} />
          </Text>
        ) : null}
      </BlockStack>
    </div>
  );
}
