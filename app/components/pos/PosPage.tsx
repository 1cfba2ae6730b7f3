import { useEffect, useState } from "react";
import { Link, useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Layout, List, Page, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import type { PosOverview } from "../../services/pos/pos-overview.server";
import { SalePointList } from "./SalePointList";

export type PosActionResult = { intent: string; error?: string; found?: number; runId?: string };

export function PosPage({ overview }: { overview: PosOverview }) {
  return (
    <Page title="POS" subtitle="Cassa in Cloud sale points that serve your web orders" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.AnnotatedSection title="Settings" description="Paste the Cassa in Cloud API key and press Update data. The key is encrypted and never shown again.">
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
          <Layout.AnnotatedSection title="Stock in Shopify" description="Which POS stock each Shopify location shows. Switched-off sale points count for nothing.">
            <LocationsCard locations={overview.locations} salePoints={overview.salePoints} />
          </Layout.AnnotatedSection>
        ) : null}
        {overview.connected ? (
          <Layout.AnnotatedSection
            title="Products and stock"
            description="The first product sync links each POS product to the Shopify product with the same SKU, or creates it. Once it has completed, the stock push sends what changed every 5 minutes."
          >
            <CatalogCard catalog={overview.catalog} />
          </Layout.AnnotatedSection>
        ) : null}
        {overview.connected ? (
          <Layout.AnnotatedSection title="E-commerce sync" description="What travels from the POS to the store with the products.">
            <SyncSettingsCard settings={overview.syncSettings} />
          </Layout.AnnotatedSection>
        ) : null}
        {overview.connected ? (
          <Layout.AnnotatedSection title="Orders" description="New paid orders go to the sale points within 5 minutes. Send them now to skip the wait and retry failed ones.">
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
        {fetcher.data?.intent === "send-orders" && !fetcher.data.error ? <Text as="p" tone="success">Sending now; this list updates as they go.</Text> : null}
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

function LocationsCard({ locations, salePoints }: { locations: PosOverview["locations"]; salePoints: PosOverview["salePoints"] }) {
  const fetcher = useFetcher<PosActionResult>();
  const options = [
    { label: "Not synced", value: "none" },
    { label: "Sum of the active sale points", value: "sum" },
    ...salePoints.map((point) => ({ label: `${point.name}${point.active ? "" : " (off)"}`, value: point.salePointId })),
  ];
  if (locations.length === 0) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          Shopify did not list any active location.
        </Text>
      </Card>
    );
  }
  return (
    <Card>
      <BlockStack gap="300">
        {locations.map((location) => (
          <Select
            key={location.locationId}
            label={location.locationName}
            options={options}
            value={location.mapping.source === "sale-point" ? location.mapping.salePointId : location.mapping.source}
            onChange={(choice) => fetcher.submit({ intent: "location", locationId: location.locationId, locationName: location.locationName, choice }, { method: "post" })}
          />
        ))}
        {fetcher.data?.error ? (
          <Text as="p" tone="critical">
            {fetcher.data.error}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function SyncSettingsCard({ settings }: { settings: PosOverview["syncSettings"] }) {
  const fetcher = useFetcher<PosActionResult>();
  const submit = (change: Partial<PosOverview["syncSettings"]>) => {
    const next = { ...settings, ...change };
    fetcher.submit(
      {
        intent: "sync-settings",
        syncCategories: String(next.syncCategories),
        syncImages: String(next.syncImages),
        draftWhenOutOfStock: String(next.draftWhenOutOfStock),
        draftWhenNotOffered: String(next.draftWhenNotOffered),
      },
      { method: "post" },
    );
  };
  return (
    <Card>
      <BlockStack gap="200">
        <Checkbox label="Categories" helpText="A product's POS category becomes its Shopify product type." checked={settings.syncCategories} onChange={(checked) => submit({ syncCategories: checked })} />
        <Checkbox label="Images" helpText="Product images are sent, and sent again only when they change." checked={settings.syncImages} onChange={(checked) => submit({ syncImages: checked })} />
        <Text as="h3" variant="headingSm">
          Listing rules, after each stock push
        </Text>
        <Checkbox
          label="Stop selling what is out of stock"
          helpText="A product with no stock at any location goes to draft, and back on sale when stock returns."
          checked={settings.draftWhenOutOfStock}
          onChange={(checked) => submit({ draftWhenOutOfStock: checked })}
        />
        <Checkbox
          label="Stop selling what the POS no longer offers online"
          helpText="A product no longer enabled for e-commerce in the POS goes to draft."
          checked={settings.draftWhenNotOffered}
          onChange={(checked) => submit({ draftWhenNotOffered: checked })}
        />
      </BlockStack>
    </Card>
  );
}

function CatalogCard({ catalog }: { catalog: PosOverview["catalog"] }) {
  const fetcher = useFetcher<PosActionResult>();
  const revalidator = useRevalidator();
  const busy = catalog.runningSyncRunId !== null || catalog.runningPushRunId !== null;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [busy, revalidator]);
  const completed = catalog.firstSync === "completed";
  const [confirmResync, setConfirmResync] = useState(false);
  const [forceImages, setForceImages] = useState(false);
  const percent = catalog.total ? Math.round((catalog.done / catalog.total) * 100) : 0;
  const summary = `${catalog.linked} linked to Shopify's products, ${catalog.created} created, ${catalog.failed} not synced`;
  return (
    <Card>
      <BlockStack gap="300">
        {completed ? (
          <Banner tone="success" title="First product sync completed">
            <p>
              <span suppressHydrationWarning>{`${new Date(catalog.completedAt!).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}: `}</span>
              {`${summary}. The stock push runs every 5 minutes.`}
            </p>
          </Banner>
        ) : (
          <Banner tone="critical" title={catalog.firstSync === "running" ? "First product sync in progress" : "First product sync not completed"}>
            <p>
              {catalog.firstSync === "running"
                ? `${catalog.done} of ${catalog.total ?? "?"} products done: ${summary}.`
                : catalog.firstSync === "not-started"
                  ? "Products and stock do not travel to Shopify until it has run once."
                  : `It stopped (${catalog.firstSync}) after ${catalog.done} of ${catalog.total ?? "?"} products; start it again to resume where it stopped.`}
            </p>
          </Banner>
        )}
        {catalog.runningSyncRunId ? (
          <BlockStack gap="100">
            <div role="progressbar" aria-label="First product sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <ProgressBar progress={percent} animated={false} />
            </div>
            <Link to={`/app/runs/${catalog.runningSyncRunId}`}>Follow the product sync</Link>
          </BlockStack>
        ) : null}
        {catalog.runningPushRunId ? (
          <Text as="p">
            A stock push is running. <Link to={`/app/runs/${catalog.runningPushRunId}`}>Follow the stock push</Link>
          </Text>
        ) : null}
        {catalog.lastPush ? (
          <Text as="p">
            <span suppressHydrationWarning>{`Last stock push: ${new Date(catalog.lastPush.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}, ${catalog.lastPush.status}`}</span>
            {catalog.lastPush.changed !== null ? `, ${catalog.lastPush.changed} quantities changed. ` : ". "}
            <Link to={`/app/runs/${catalog.lastPush.runId}`}>See the run</Link>
          </Text>
        ) : null}
        {confirmResync ? (
          <Banner tone="warning" title="A full resync is long and heavy">
            <BlockStack gap="200">
              <p>
                It rewrites every product in Shopify (name, description, prices, attributes) whatever changed, in the background. With a large catalog it takes
                hours and uses much of Shopify&apos;s API budget, so other syncs slow down meanwhile. It can be cancelled, and resumes where it stopped.
              </p>
              <Checkbox label="Send every image again too" checked={forceImages} onChange={setForceImages} />
              <InlineStack gap="200">
                <Button
                  variant="primary"
                  tone="critical"
                  onClick={() => {
                    setConfirmResync(false);
                    fetcher.submit({ intent: "full-resync", forceImages: String(forceImages) }, { method: "post" });
                  }}
                >
                  Start full resync
                </Button>
                <Button onClick={() => setConfirmResync(false)}>Keep as is</Button>
              </InlineStack>
            </BlockStack>
          </Banner>
        ) : null}
        {fetcher.data?.error && ["product-sync", "push-stock", "full-resync"].includes(fetcher.data.intent) ? (
          <Text as="p" tone="critical">
            {fetcher.data.error}
          </Text>
        ) : null}
        {fetcher.data?.runId && fetcher.data.runId !== catalog.runningPushRunId ? (
          <Link to={`/app/runs/${fetcher.data.runId}`}>
            {fetcher.data.intent === "push-stock" ? "Follow the stock push" : fetcher.data.intent === "full-resync" ? "Follow the full resync" : "Follow the run"}
          </Link>
        ) : null}
        <InlineStack gap="200">
          <Button variant={completed ? "secondary" : "primary"} disabled={catalog.runningSyncRunId !== null} onClick={() => fetcher.submit({ intent: "product-sync" }, { method: "post" })}>
            {completed ? "Force product sync" : catalog.firstSync === "not-started" ? "Start first product sync" : "Resume first product sync"}
          </Button>
          <Button disabled={!completed || catalog.runningPushRunId !== null} onClick={() => fetcher.submit({ intent: "push-stock" }, { method: "post" })}>
            Push stock now
          </Button>
          <Button disabled={!completed} onClick={() => setConfirmResync(true)}>
            Full resync…
          </Button>
          <Link to="/app/stock">Stock history</Link>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
