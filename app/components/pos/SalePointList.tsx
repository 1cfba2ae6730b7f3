import { useEffect, useState, type DragEvent } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, Checkbox, InlineStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { ShopSalePoint } from "../../services/pos/pos-connections.server";

/**
 * The sale points in priority order. Reordered by dragging a row onto
 * another, or by keyboard with each row's Move up / Move down buttons; each
 * change is saved at once and announced to screen readers.
 */
/** The drag handle (decorative: the buttons do the same by keyboard). */
const GRIP = "⠿";

export function SalePointList({ salePoints }: { salePoints: ShopSalePoint[] }) {
  const { t } = useTranslation();
  const shopify = useAppBridge();
  const save = useFetcher();
  const toggle = useFetcher();
  const [order, setOrder] = useState(salePoints);
  const [dragged, setDragged] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Changes saved so far on this page (a reorder or a switch): shown on the list for whoever waits on them.
  const [saved, setSaved] = useState(0);
  const busy = save.state !== "idle" || toggle.state !== "idle";
  const [wasBusy, setWasBusy] = useState(false);
  useEffect(() => setOrder(salePoints), [salePoints]);
  useEffect(() => {
    if (busy) setWasBusy(true);
    else if (wasBusy) {
      setWasBusy(false);
      setSaved((count) => count + 1);
      shopify.toast.show(t("pos.salePoints.saved"));
    }
  }, [busy, wasBusy, shopify, t]);

  const commit = (next: ShopSalePoint[], moved: ShopSalePoint) => {
    setOrder(next);
    setAnnouncement(
      t("pos.salePoints.moved", { name: moved.name, position: next.findIndex((p) => p.salePointId === moved.salePointId) + 1, count: next.length }),
    );
    save.submit({ intent: "reorder", order: next.map((p) => p.salePointId).join(",") }, { method: "post" });
  };
  const move = (index: number, to: number) => {
    if (to < 0 || to >= order.length || to === index) return;
    const next = [...order];
    const [moved] = next.splice(index, 1);
    next.splice(to, 0, moved!);
    commit(next, moved!);
  };
  const onDrop = (event: DragEvent, target: number) => {
    event.preventDefault();
    const from = order.findIndex((p) => p.salePointId === dragged);
    setDragged(null);
    if (from >= 0) move(from, target);
  };

  return (
    <Card padding="0">
      <ol aria-label={t("pos.salePoints.label")} aria-busy={busy} data-saved={saved} style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {order.map((point, index) => (
          <li
            key={point.salePointId}
            draggable
            data-sale-point={point.salePointId}
            onDragStart={(event) => {
              setDragged(point.salePointId);
              event.dataTransfer.effectAllowed = "move";
              event.dataTransfer.setData("text/plain", point.salePointId);
            }}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => onDrop(event, index)}
            style={{
              cursor: "grab",
              borderTop: index ? "1px solid var(--p-color-border-secondary)" : undefined,
              opacity: dragged === point.salePointId ? 0.5 : 1,
            }}
          >
            <Box padding="300">
              <InlineStack align="space-between" blockAlign="center" wrap={false} gap="300">
                <InlineStack gap="300" blockAlign="center" wrap={false}>
                  <span aria-hidden="true" style={{ fontSize: 18, color: "var(--p-color-icon-secondary)" }}>
                    {GRIP}
                  </span>
                  <BlockStack gap="050">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="span" variant="headingSm">
                        {`${index + 1}. ${point.name}`}
                      </Text>
                      {point.active ? null : <Badge>{t("pos.salePoints.off")}</Badge>}
                    </InlineStack>
                    <Text as="span" tone="subdued">
                      {point.address || t("pos.salePoints.noAddress")}
                    </Text>
                  </BlockStack>
                </InlineStack>
                <InlineStack gap="200" blockAlign="center" wrap={false}>
                  <Button
                    size="slim"
                    accessibilityLabel={t("pos.salePoints.moveUp", { name: point.name })}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    ↑
                  </Button>
                  <Button
                    size="slim"
                    accessibilityLabel={t("pos.salePoints.moveDown", { name: point.name })}
                    disabled={index === order.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </Button>
                  <Checkbox
                    label={t("pos.salePoints.active", { name: point.name })}
                    labelHidden
                    checked={point.active}
                    onChange={(checked) => {
                      setOrder(order.map((p) => (p.salePointId === point.salePointId ? { ...p, active: checked } : p)));
                      toggle.submit({ intent: "toggle", salePointId: point.salePointId, active: String(checked) }, { method: "post" });
                    }}
                  />
                </InlineStack>
              </InlineStack>
            </Box>
          </li>
        ))}
      </ol>
      <div role="status" aria-live="polite" style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>
        {announcement}
      </div>
    </Card>
  );
}
