/**
 * The order-details block: where this order stands with the ERP (its ERP, state, sale and its state, invoice, the
 * totals check, why it waits or failed, what needs the merchant) and with the POS (its POS order per sale point), with
 * "Send again" for an order the merchant can retry. Preact and Polaris web components, as Shopify's 2025-10+ admin
 * extensions are written.
 *
 * Everything comes from Ponte's backend (app/routes/extensions.order-erp-status.tsx) through the admin's fetch, which
 * resolves a relative address against the app's URL and adds the session token: the sentences come written in the
 * block's language (`language` in locales/), the labels from the locale files. While the order is on its way (queued,
 * retrying), the block reads it again every few seconds, so "Send again" ends with the ERP's sale number.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { OrderStatusBlock } from "../../../app/services/sync/orders/order-status-block";

export default async () => {
  render(<OrderErpStatusBlock />, document.body);
};

const STATUS_URL = "/extensions/order-erp-status";
const POLL_MS = 3000;

/** The answer read at the edge: an object of the shape the backend sends, or null. */
function readStatus(body: unknown): OrderStatusBlock | null {
  if (typeof body !== "object" || body === null || typeof (body as OrderStatusBlock).known !== "boolean") return null;
  const status = body as OrderStatusBlock;
  if (status.erp !== null && (typeof status.erp !== "object" || typeof status.erp.state?.label !== "string")) return null;
  if (status.pos !== null && (typeof status.pos !== "object" || !Array.isArray(status.pos.salePoints))) return null;
  return status;
}

function OrderErpStatusBlock() {
  const { i18n, data } = shopify;
  const t = (key: string, values?: Record<string, string | number>) => String(i18n.translate(key, values));
  const orderId = data.selected[0]?.id ?? "";
  const [status, setStatus] = useState<OrderStatusBlock | "loading" | "unreachable">("loading");
  const [sending, setSending] = useState<"idle" | "sending" | "sent" | "failed">("idle");
  const [moving, setMoving] = useState(false);

  const load = useCallback(async () => {
    try {
      const query = new URLSearchParams({ order: orderId, language: t("language") });
      const response = await fetch(`${STATUS_URL}?${query}`);
      const read = response.ok ? readStatus(await response.json()) : null;
      setStatus(read ?? "unreachable");
      setMoving(read?.erp?.moving === true);
    } catch {
      setStatus("unreachable");
    }
  }, [orderId]);

  useEffect(() => {
    void load();
  }, [load]);
  // On its way (queued, retrying): read again until it lands.
  useEffect(() => {
    if (!moving) return undefined;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [moving, status, load]);

  const sendAgain = async () => {
    setSending("sending");
    try {
      const response = await fetch(STATUS_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ order: orderId }),
      });
      setSending(response.ok ? "sent" : "failed");
      await load();
    } catch {
      setSending("failed");
    }
  };

  if (status === "loading") {
    return (
      <s-admin-block heading={t("heading")}>
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-spinner accessibilityLabel={t("loading")} />
          <s-text color="subdued">{t("loading")}</s-text>
        </s-stack>
      </s-admin-block>
    );
  }
  if (status === "unreachable") {
    return (
      <s-admin-block heading={t("heading")}>
        <s-banner tone="warning">{t("unreachable")}</s-banner>
      </s-admin-block>
    );
  }
  if (!status.known) {
    return (
      <s-admin-block heading={t("heading")}>
        <s-text color="subdued">{t("unknown")}</s-text>
      </s-admin-block>
    );
  }
  const { erp, pos } = status;
  return (
    <s-admin-block heading={t("heading")} collapsedSummary={erp?.state.label ?? pos?.state.label ?? ""}>
      <s-stack direction="block" gap="base">
        {erp ? (
          <s-stack direction="block" gap="small-200">
            <s-stack direction="inline" gap="small-200" alignItems="center">
              <s-text type="strong">{erp.erpName ? t("erp.named", { name: erp.erpName }) : t("erp.title")}</s-text>
              <s-badge tone={erp.state.tone}>{erp.state.label}</s-badge>
            </s-stack>
            {erp.saleNumber ? <s-text>{t("erp.sale", { number: erp.saleNumber })}</s-text> : null}
            {erp.saleState ? <s-text>{t("erp.saleState", { state: erp.saleState })}</s-text> : null}
            {erp.invoiceNumber ? <s-text>{t("erp.invoice", { number: erp.invoiceNumber })}</s-text> : null}
            {erp.totals ? (
              <s-stack direction="inline" gap="small-200" alignItems="center">
                <s-text>{erp.totals.text}</s-text>
                <s-badge tone={erp.totals.differ ? "warning" : "success"}>{erp.totals.differ ? t("erp.totalsDiffer") : t("erp.totalsMatch")}</s-badge>
              </s-stack>
            ) : null}
            {erp.reason ? (
              <s-banner tone={erp.state.tone === "critical" ? "critical" : "info"} heading={t("erp.why")}>
                {erp.reason}
              </s-banner>
            ) : null}
            {erp.flag ? (
              <s-banner tone="warning" heading={t("erp.attention")}>
                {erp.flag}
              </s-banner>
            ) : null}
            {erp.canSendAgain ? (
              <s-stack direction="inline" gap="small-200" alignItems="center">
                <s-button variant="primary" loading={sending === "sending"} onClick={() => void sendAgain()}>
                  {t("sendAgain")}
                </s-button>
                {sending === "failed" ? <s-text tone="critical">{t("sendFailed")}</s-text> : null}
              </s-stack>
            ) : null}
            {sending === "sent" && !erp.canSendAgain ? <s-text color="subdued">{t("sent")}</s-text> : null}
          </s-stack>
        ) : null}
        {pos ? (
          <s-stack direction="block" gap="small-200">
            <s-stack direction="inline" gap="small-200" alignItems="center">
              <s-text type="strong">{t("pos.title")}</s-text>
              <s-badge tone={pos.state.tone}>{pos.state.label}</s-badge>
            </s-stack>
            {pos.salePoints.map((line) => (
              <s-text key={line}>{line}</s-text>
            ))}
            {pos.reason ? <s-banner tone="warning">{pos.reason}</s-banner> : null}
          </s-stack>
        ) : null}
      </s-stack>
    </s-admin-block>
  );
}
