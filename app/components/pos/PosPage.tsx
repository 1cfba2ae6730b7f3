import { useEffect, useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import type { PosOverview } from "../../services/pos/pos-overview.server";
import { SalePointList } from "./SalePointList";

export type PosActionResult = { intent: string; error?: string; found?: number; runId?: string };

export function PosPage({ overview }: { overview: PosOverview }) {
  return (
    <Page title="POS" subtitle="Cassa in Cloud sale points that serve your web orders" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.AnnotatedSection
          title="Settings"
          description="Paste the Cassa in Cloud API key and press Update data. The key is encrypted and never shown again."
        >
          <KeyCard connected={overview.connected} blocking={overview.blockingSetting} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Sale points"
          description="Orders are served by the first sale point that has the goods; the rest goes to the next. Drag a sale point, or use its Move up and Move down buttons, to change the order. A switched-off sale point receives no orders."
        >
          {overview.connected ? (
            <SalePointList salePoints={overview.salePoints} />
          ) : (
            <Card>
              <Text as="p" tone="subdued">
                Sale points appear once a valid API key is saved.
              </Text>
            </Card>
          )}
        </Layout.AnnotatedSection>
        {overview.connected ? (
          <Layout.AnnotatedSection
            title="Products and stock"
            description="Which stock each Shopify location shows, the product sync and the stock push."
          >
            <Card>
              <Text as="p">
                They are on the <Link to="/app/catalog">Catalog</Link> page, where products and stock can come from the POS or the ERP.
              </Text>
            </Card>
          </Layout.AnnotatedSection>
        ) : null}
        {overview.connected ? (
          <Layout.AnnotatedSection
            title="Orders"
            description="New paid orders go to the sale points within 5 minutes. Send them now to skip the wait and retry failed ones."
          >
            <OrdersCard orders={overview.orders} />
          </Layout.AnnotatedSection>
        ) : null}
      </Layout>
    </Page>
  );
}

function KeyCard({ connected, blocking }: { connected: boolean; blocking: PosOverview["blockingSetting"] }) {
  const fetcher = useFetcher<PosActionResult>();
  const [apiKey, setApiKey] = useState("");
  const result = fetcher.data;
  useEffect(() => {
    if (result?.found !== undefined) setApiKey("");
  }, [result]);
  return (
    <Card>
      <BlockStack gap="300">
        {result?.error ? (
          <Banner tone="critical" title="Cassa in Cloud did not accept the key">
            <p>{result.error}</p>
          </Banner>
        ) : null}
        {result?.found !== undefined ? (
          <Banner tone="success" title="Data updated">
            <p>{`${result.found} sale point${result.found === 1 ? "" : "s"} found.`}</p>
          </Banner>
        ) : null}
        {blocking ? (
          <Banner tone="warning" title="Cassa in Cloud refuses Ponte's orders">
            <p>{blocking.advice}</p>
          </Banner>
        ) : null}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="update-data" />
          <BlockStack gap="300">
            <TextField
              label="API key"
              name="apiKey"
              type="password"
              value={apiKey}
              onChange={setApiKey}
              autoComplete="off"
              helpText={connected ? "A key is saved. Leave this empty to update the data with it." : "From Cassa in Cloud: Settings > API keys."}
            />
            <InlineStack align="end">
              <Button variant="primary" submit loading={fetcher.state !== "idle"}>
                Update data
              </Button>
            </InlineStack>
          </BlockStack>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}

function OrdersCard({ orders }: { orders: PosOverview["orders"] }) {
  const fetcher = useFetcher<PosActionResult>();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">
          {orders.dispatched} order{orders.dispatched === 1 ? "" : "s"} sent to the POS
          {orders.waiting ? `, ${orders.waiting} on the way` : ""}.
        </Text>
        {orders.held.length ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Held back
            </Text>
            <List type="bullet">
              {orders.held.map((held) => (
                <List.Item key={held.orderName}>
                  <Text as="span" fontWeight="semibold">
                    {held.orderName}
                  </Text>
                  : {held.reason ?? held.status}
                </List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
        {fetcher.data?.intent === "send-orders" && !fetcher.data.error ? (
          <Text as="p" tone="success">
            Sending now; this list updates as they go.
          </Text>
        ) : null}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="send-orders" />
          <InlineStack align="end">
            <Button submit loading={fetcher.state !== "idle"}>
              Send orders to POS
            </Button>
          </InlineStack>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}
