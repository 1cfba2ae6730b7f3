import { useEffect, useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, EmptyState, InlineStack, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Trans, useTranslation } from "react-i18next";
import type { PosOverview } from "../../services/pos/pos-overview.server";
import type { MerchantText } from "../../i18n/merchant-message";
import { useSay } from "../../i18n/use-say";
import { SalePointList } from "./SalePointList";
import { SaidReason } from "../orders/OrderPosCell";
import { formAnswer } from "../../hooks/form-answer";

/** error: Cassa in Cloud's answer to the key; missingKey: there was no key to try (nothing was sent); errors: a refused form. */
export type PosActionResult = { intent: string; error?: string; missingKey?: true; errors?: MerchantText[]; found?: number; runId?: string };

export function PosPage({ overview }: { overview: PosOverview }) {
  const { t } = useTranslation();
  // With a POS connected, the page's action sends what the sale points still owe now (and retries failed ones).
  const send = useFetcher<PosActionResult>();
  return (
    <Page
      title={t("pos.title")}
      subtitle={t("pos.subtitle")}
      backAction={{ content: t("nav.dashboard"), url: "/app" }}
      primaryAction={
        overview.connected
          ? {
              content: t("pos.orders.send"),
              loading: send.state !== "idle",
              onAction: () => send.submit({ intent: "send-orders" }, { method: "post" }),
            }
          : undefined
      }
    >
      <Layout>
        <Layout.AnnotatedSection title={t("pos.settings.title")} description={t("pos.settings.description")}>
          <KeyCard connected={overview.connected} blocking={overview.blockingSetting} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("pos.salePoints.title")} description={t("pos.salePoints.description")}>
          {overview.connected ? (
            <SalePointList salePoints={overview.salePoints} />
          ) : (
            <Card>
              <EmptyState heading={t("pos.salePoints.emptyTitle")} image="">
                <p>{t("pos.salePoints.empty")}</p>
              </EmptyState>
            </Card>
          )}
        </Layout.AnnotatedSection>
        {overview.connected ? (
          <Layout.AnnotatedSection title={t("pos.catalog.title")} description={t("pos.catalog.description")}>
            <Card>
              <Text as="p">
                <Trans i18nKey="pos.catalog.body" components={{ catalog: <Link to="/app/catalog" /> }} />
              </Text>
            </Card>
          </Layout.AnnotatedSection>
        ) : null}
        {overview.connected ? (
          <Layout.AnnotatedSection title={t("pos.orders.title")} description={t("pos.orders.description")}>
            <OrdersCard orders={overview.orders} sent={send.data?.intent === "send-orders" && !send.data.errors} />
          </Layout.AnnotatedSection>
        ) : null}
      </Layout>
    </Page>
  );
}

function KeyCard({ connected, blocking }: { connected: boolean; blocking: PosOverview["blockingSetting"] }) {
  const { t } = useTranslation();
  const say = useSay();
  const shopify = useAppBridge();
  const fetcher = useFetcher<PosActionResult>();
  const [apiKey, setApiKey] = useState("");
  const result = formAnswer(fetcher);
  useEffect(() => {
    if (result?.found === undefined) return;
    setApiKey("");
    shopify.toast.show(t("pos.key.updated"));
  }, [result, shopify, t]);
  return (
    <Card>
      <BlockStack gap="300">
        {result?.error ? (
          <Banner tone="critical" title={t("pos.key.refused")}>
            <p>{result.error}</p>
          </Banner>
        ) : null}
        {result?.errors ? (
          <Banner tone="critical">
            <p>{result.errors.map(say).join(" ")}</p>
          </Banner>
        ) : null}
        {result?.found !== undefined ? (
          <Banner tone="success" title={t("pos.key.dataUpdated")}>
            <p>{t("pos.key.found", { count: result.found })}</p>
          </Banner>
        ) : null}
        {blocking ? (
          <Banner tone="warning" title={t("pos.key.blocked")}>
            <p>{t(`pos.advice.${blocking.setting}`, { defaultValue: blocking.advice })}</p>
          </Banner>
        ) : null}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="update-data" />
          <BlockStack gap="300">
            <TextField
              label={t("pos.key.label")}
              name="apiKey"
              type="password"
              value={apiKey}
              onChange={setApiKey}
              autoComplete="off"
              helpText={connected ? t("pos.key.savedHelp") : t("pos.key.help")}
              error={result?.missingKey ? t("pos.key.missing") : undefined}
            />
            <InlineStack align="end">
              <Button variant="primary" submit loading={fetcher.state !== "idle"}>
                {t("pos.key.update")}
              </Button>
            </InlineStack>
          </BlockStack>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}

function OrdersCard({ orders, sent }: { orders: PosOverview["orders"]; sent: boolean }) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">
          {t("pos.orders.sent", { count: orders.dispatched })}
          {orders.waiting ? t("pos.orders.onTheWay", { count: orders.waiting }) : ""}
        </Text>
        {orders.held.length ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t("pos.orders.held")}
            </Text>
            <List type="bullet">
              {orders.held.map((held) => (
                <List.Item key={held.orderName}>
                  <Text as="span" fontWeight="semibold">
                    {held.orderName}
                  </Text>
                  {": "}
                  {held.reason ? <SaidReason text={held.reason} /> : t(`orders.pos.status.${held.status}`, { defaultValue: held.status })}
                </List.Item>
              ))}
            </List>
            <Link to="/app/orders">{t("pos.orders.seeOrders")}</Link>
          </BlockStack>
        ) : null}
        {sent ? (
          <Text as="p" tone="success">
            {t("pos.orders.sending")}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
