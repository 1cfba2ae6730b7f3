import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Button, Card, Layout, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { ConnectionOverview, MeasuredHealth } from "../../services/connections/connection-status.server";
import type { Formatter } from "../../i18n/format";

/** A product's name: the same in every language. */
const TRYTON = "Tryton";

/** A product's name, the same in every language. */
const POS_NAME = "Cassa in Cloud";

export function ConnectionCards({ connections, installedAt, format }: { connections: ConnectionOverview; installedAt: string; format: Formatter }) {
  const { t } = useTranslation();
  const { store } = connections;
  return (
    <>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="200">
            <CardHeading
              title={t("dashboard.store.title")}
              badge={
                store.state === "connected" ? (
                  <Badge tone="success">{t("dashboard.badge.connected")}</Badge>
                ) : (
                  <Badge tone="critical">{t("dashboard.badge.unreachable")}</Badge>
                )
              }
            />
            {store.state === "connected" ? (
              <BlockStack gap="100">
                <Text as="p" variant="headingSm">
                  {store.shop.name}
                </Text>
                <Text as="p" tone="subdued">
                  {t("dashboard.store.plan", { domain: store.shop.myshopifyDomain, plan: store.shop.plan.displayName })}
                </Text>
                <Text as="p">
                  {t("dashboard.store.details", { currency: store.shop.currencyCode, zone: store.shop.ianaTimezone, count: store.locations.length })}
                </Text>
                <Text as="p" tone="subdued">
                  {t("dashboard.store.installed", { date: format.date(installedAt) })}
                </Text>
              </BlockStack>
            ) : (
              <Text as="p" tone="critical">
                {t("dashboard.store.noAnswer", { error: store.error })}
              </Text>
            )}
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <ErpCard erp={connections.erp} format={format} />
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <PosCard pos={connections.pos} format={format} />
      </Layout.Section>
    </>
  );
}

function ErpCard({ erp, format }: { erp: ConnectionOverview["erp"]; format: Formatter }) {
  const { t } = useTranslation();
  if (erp.state !== "configured") {
    return (
      <Card>
        <BlockStack gap="200">
          <NotConfiguredCardBody title={t("dashboard.erp.title")} detail={t("dashboard.erp.none")} />
          <Button url="/app/erp">{t("dashboard.erp.connect")}</Button>
        </BlockStack>
      </Card>
    );
  }
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading title={t("dashboard.erp.title")} badge={<HealthBadge health={erp} />} />
        <HealthLine health={erp} notCalled={t("dashboard.health.notCalledErp")} format={format} />
        <Text as="p" variant="headingSm">
          {erp.kind === "tryton" ? TRYTON : t("dashboard.erp.http")}
        </Text>
        <Text as="p" tone="subdued" breakWord>
          {erp.url}
        </Text>
        {erp.others > 0 ? <Text as="p">{t("dashboard.erp.others", { count: erp.others })}</Text> : null}
        <Text as="p">
          {t("dashboard.erp.exported", { count: erp.exported })}
          {erp.failed ? t("dashboard.erp.failed", { count: erp.failed }) : ""}
          {erp.flagged ? t("dashboard.erp.flagged", { count: erp.flagged }) : ""}
        </Text>
        <Button url="/app/orders">{t("dashboard.erp.seeOrders")}</Button>
      </BlockStack>
    </Card>
  );
}

function PosCard({ pos, format }: { pos: ConnectionOverview["pos"]; format: Formatter }) {
  const { t } = useTranslation();
  if (pos.state !== "configured") {
    return (
      <Card>
        <BlockStack gap="200">
          <NotConfiguredCardBody title={t("dashboard.pos.title")} detail={t("dashboard.pos.none")} />
          <Button url="/app/pos">{t("dashboard.pos.connect")}</Button>
        </BlockStack>
      </Card>
    );
  }
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading
          title={t("dashboard.pos.title")}
          badge={
            pos.unavailable.length === 0 && pos.blocked ? (
              <Badge tone="warning">{t("dashboard.badge.needsAttention")}</Badge>
            ) : (
              <HealthBadge health={pos} />
            )
          }
        />
        <HealthLine health={pos} notCalled={t("dashboard.health.notCalledPos")} format={format} />
        <Text as="p" variant="headingSm">
          {POS_NAME}
        </Text>
        <Text as="p">{t("dashboard.pos.serving", { active: pos.activeSalePoints, count: pos.salePoints })}</Text>
        <Button url="/app/pos">{t("dashboard.pos.salePoints")}</Button>
      </BlockStack>
    </Card>
  );
}

/** The badge from what was measured: unavailable, answering, or not reached yet. */
function HealthBadge({ health }: { health: MeasuredHealth }) {
  const { t } = useTranslation();
  if (health.unavailable.length > 0) return <Badge tone="critical">{t("dashboard.badge.unavailable")}</Badge>;
  if (health.lastAnsweredAt) return <Badge tone="success">{t("dashboard.badge.connected")}</Badge>;
  return <Badge tone="info">{t("dashboard.badge.notReached")}</Badge>;
}

function HealthLine({ health, notCalled, format }: { health: MeasuredHealth; notCalled: string; format: Formatter }) {
  const { t } = useTranslation();
  const waiting = t("dashboard.health.waiting", { count: health.waiting });
  if (health.unavailable.length > 0) {
    return (
      <BlockStack gap="100">
        {health.unavailable.map((down) => (
          <Text as="p" tone="critical" key={down.name}>
            <span suppressHydrationWarning>
              {health.unavailable.length > 1 || down.name !== "ERP"
                ? t("dashboard.health.partUnavailableSince", { name: down.name, when: format.when(down.since), waiting })
                : t("dashboard.health.unavailableSince", { when: format.when(down.since), waiting })}
            </span>
          </Text>
        ))}
        {health.unavailable[0]?.error ? (
          <Text as="p" tone="subdued" breakWord>
            {health.unavailable[0].error}
          </Text>
        ) : null}
        <Text as="p" tone="subdued">
          {t("dashboard.health.keepsAsking")}
        </Text>
      </BlockStack>
    );
  }
  return (
    <Text as="p" tone="subdued">
      <span suppressHydrationWarning>
        {health.lastAnsweredAt ? t("dashboard.health.lastAnswered", { when: format.when(health.lastAnsweredAt) }) : notCalled}
        {health.waiting > 0 ? `, ${waiting}` : ""}
      </span>
    </Text>
  );
}

function NotConfiguredCardBody({ title, detail }: { title: string; detail: string }) {
  const { t } = useTranslation();
  return (
    <>
      <CardHeading title={title} badge={<Badge tone="attention">{t("dashboard.badge.notConfigured")}</Badge>} />
      <Text as="p" tone="subdued">
        {detail}
      </Text>
    </>
  );
}
