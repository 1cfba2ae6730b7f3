import { useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Layout, Page, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import type { CatalogPageData } from "../../services/catalog/catalog-overview.server";
import { CATALOG_SOURCES, type CatalogSettings } from "../../services/catalog/catalog-settings";
import { usePolling } from "../../hooks/use-polling";

export type CatalogActionResult = { intent: string; error?: string; runId?: string };

const SOURCE_NAME = { pos: "POS", erp: "ERP" } as const;

/** Where the catalog comes from, which stock each location shows, what travels, and the syncs' state and buttons. */
export function CatalogPage({ data }: { data: CatalogPageData }) {
  const products = SOURCE_NAME[data.settings.productSource];
  return (
    <Page title="Catalog" subtitle="Products and stock from the POS or the ERP to the store" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.AnnotatedSection
          title="Sources"
          description="Where products (names, descriptions, prices, categories, images) and stock come from. Only what the source offers to e-commerce travels."
        >
          <SourcesCard data={data} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Stock in Shopify"
          description={
            data.settings.stockSource === "pos"
              ? "Which POS stock each Shopify location shows. Switched-off sale points count for nothing."
              : "Which ERP warehouse's stock each Shopify location shows."
          }
        >
          <LocationsCard data={data} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Products and stock"
          description={`The first product sync links each ${products} product to the Shopify product with the same SKU, or creates it. Once it has completed, the stock push sends what changed every 5 minutes.`}
        >
          {data.sourcesMissing ? (
            <Card>
              <Text as="p" tone="subdued">
                {data.sourcesMissing}
              </Text>
            </Card>
          ) : (
            <CatalogCard catalog={data.catalog} sourceName={products} />
          )}
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="E-commerce sync" description={`What travels from the ${products} to the store with the products.`}>
          <SyncSettingsCard settings={data.settings} sourceName={products} />
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}

function SourcesCard({ data }: { data: CatalogPageData }) {
  const fetcher = useFetcher<CatalogActionResult>();
  const options = (Object.keys(CATALOG_SOURCES) as Array<keyof typeof CATALOG_SOURCES>).map((value) => {
    const connected = value === "pos" ? data.posConnected : data.erpConnected;
    return { value, label: `${CATALOG_SOURCES[value]}${connected ? "" : " (not connected)"}` };
  });
  const save = (field: "productSource" | "stockSource") => (value: string) =>
    fetcher.submit({ intent: "settings", [field]: value }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Select
          label="Products come from"
          options={options}
          value={data.settings.productSource}
          onChange={save("productSource")}
          helpText="Changing it starts the first product sync over: it links Shopify's products to the new source by SKU again, never duplicating."
        />
        <Select label="Stock comes from" options={options} value={data.settings.stockSource} onChange={save("stockSource")} />
        {data.sourcesMissing ? (
          <Banner tone="warning">
            <p>{data.sourcesMissing}</p>
          </Banner>
        ) : null}
        <ErrorLine error={fetcher.data?.error} />
      </BlockStack>
    </Card>
  );
}

function LocationsCard({ data }: { data: CatalogPageData }) {
  const fetcher = useFetcher<CatalogActionResult>();
  const fromPos = data.settings.stockSource === "pos";
  const options = [
    { label: "Not synced", value: "none" },
    ...(fromPos
      ? [
          { label: "Sum of the active sale points", value: "sum" },
          ...data.salePoints.map((point) => ({ label: `${point.name}${point.active ? "" : " (off)"}`, value: point.salePointId })),
        ]
      : data.warehouses.map((warehouse) => ({ label: warehouse.name, value: `warehouse:${warehouse.id}` }))),
  ];
  // A location set for the other source shows as not synced until it is set again: its stock is not pushed.
  const valueOf = (mapping: CatalogPageData["locations"][number]["mapping"]) => {
    if (fromPos && mapping.source === "sum") return "sum";
    if (fromPos && mapping.source === "sale-point") return mapping.salePointId;
    if (!fromPos && mapping.source === "warehouse") return `warehouse:${mapping.warehouseId}`;
    return "none";
  };
  if (data.locations.length === 0) {
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
        {data.warehousesError ? (
          <Text as="p" tone="critical">
            {data.warehousesError}
          </Text>
        ) : null}
        {data.locations.map((location) => (
          <Select
            key={location.locationId}
            label={location.locationName}
            options={options}
            value={valueOf(location.mapping)}
            onChange={(choice) =>
              fetcher.submit({ intent: "location", locationId: location.locationId, locationName: location.locationName, choice }, { method: "post" })
            }
          />
        ))}
        <ErrorLine error={fetcher.data?.error} />
      </BlockStack>
    </Card>
  );
}

function SyncSettingsCard({ settings, sourceName }: { settings: CatalogSettings; sourceName: string }) {
  const fetcher = useFetcher<CatalogActionResult>();
  const submit = (change: Partial<Pick<CatalogSettings, "syncCategories" | "syncImages" | "draftWhenOutOfStock" | "draftWhenNotOffered">>) =>
    fetcher.submit(
      { intent: "settings", ...Object.fromEntries(Object.entries(change).map(([key, value]) => [key, String(value)])) },
      { method: "post" },
    );
  return (
    <Card>
      <BlockStack gap="200">
        <Checkbox
          label="Categories"
          helpText={`A product's ${sourceName} category becomes its Shopify product type.`}
          checked={settings.syncCategories}
          onChange={(checked) => submit({ syncCategories: checked })}
        />
        <Checkbox
          label="Images"
          helpText="Product images are sent, and sent again only when they change."
          checked={settings.syncImages}
          onChange={(checked) => submit({ syncImages: checked })}
        />
        <Text as="h3" variant="headingSm">
          Listing rules, after each stock push and order import
        </Text>
        <Checkbox
          label="Stop selling what is out of stock"
          helpText="A product with no stock at any location goes to draft, and back on sale when stock returns."
          checked={settings.draftWhenOutOfStock}
          onChange={(checked) => submit({ draftWhenOutOfStock: checked })}
        />
        <Checkbox
          label={`Stop selling what the ${sourceName} no longer offers online`}
          helpText={`A product the ${sourceName} no longer offers to e-commerce goes to draft.`}
          checked={settings.draftWhenNotOffered}
          onChange={(checked) => submit({ draftWhenNotOffered: checked })}
        />
        <Text as="h3" variant="headingSm">
          Writes to Shopify
        </Text>
        <BulkThresholdField threshold={settings.bulkThreshold} />
      </BlockStack>
    </Card>
  );
}

/** Above how many products a write to Shopify goes as bulk operations. */
function BulkThresholdField({ threshold }: { threshold: number }) {
  const fetcher = useFetcher<CatalogActionResult>();
  const [value, setValue] = useState(String(threshold));
  const saved = fetcher.state === "idle" && fetcher.data?.intent === "settings" && !fetcher.data.error;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="settings" />
      <TextField
        label="Send in bulk above"
        name="bulkThreshold"
        type="number"
        suffix="products"
        autoComplete="off"
        value={value}
        onChange={setValue}
        error={fetcher.data?.error}
        helpText={
          saved
            ? "Saved."
            : "When a sync, a refresh or the listing rules change more products than this at once, they go to Shopify as bulk operations: one upload instead of a call per product. 0: always."
        }
        connectedRight={
          <Button submit loading={fetcher.state !== "idle"}>
            Save
          </Button>
        }
      />
    </fetcher.Form>
  );
}

function CatalogCard({ catalog, sourceName }: { catalog: CatalogPageData["catalog"]; sourceName: string }) {
  const fetcher = useFetcher<CatalogActionResult>();
  const busy = catalog.runningSyncRunId !== null || catalog.runningPushRunId !== null;
  usePolling(busy ? 1500 : null);
  const completed = catalog.firstSync === "completed";
  // While the sync waits at Shopify's daily limit (days, at 1,000 new variants a day), what it linked gets its stock.
  const canPush = completed || catalog.firstSync === "waiting";
  const [confirmResync, setConfirmResync] = useState(false);
  const [forceImages, setForceImages] = useState(false);
  const percent = catalog.total ? Math.round((catalog.done / catalog.total) * 100) : 0; // not money: products done of the total
  const summary = `${catalog.linked} linked to Shopify's products, ${catalog.created} created, ${catalog.failed} not synced`;
  return (
    <Card>
      <BlockStack gap="300">
        {completed ? (
          <Banner tone="success" title="First product sync completed">
            <p>
              <span
                suppressHydrationWarning
              >{`${new Date(catalog.completedAt!).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}: `}</span>
              {`${summary}. The stock push runs every 5 minutes.`}
            </p>
          </Banner>
        ) : catalog.firstSync === "waiting" ? (
          <Banner tone="warning" title="First product sync waiting for Shopify's daily limit">
            <p>
              {`${catalog.done} of ${catalog.total ?? "?"} products done: ${summary}. Shopify lets a store with more than 50,000 variants create 1,000 new ones a day; the sync goes on by itself `}
              <span suppressHydrationWarning>
                {catalog.resumeAt
                  ? `after ${new Date(catalog.resumeAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`
                  : "when Shopify allows"}
              </span>
              {". Meanwhile the stock of the products it linked is pushed."}
            </p>
          </Banner>
        ) : (
          <Banner tone="critical" title={catalog.firstSync === "running" ? "First product sync in progress" : "First product sync not completed"}>
            <p>
              {catalog.firstSync === "running"
                ? `${catalog.done} of ${catalog.total ?? "?"} products done: ${summary}.`
                : catalog.firstSync === "not-started"
                  ? `Products and stock do not travel from the ${sourceName} to Shopify until it has run once.`
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
            <span
              suppressHydrationWarning
            >{`Last stock push: ${new Date(catalog.lastPush.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}, ${catalog.lastPush.status}`}</span>
            {catalog.lastPush.changed !== null ? `, ${catalog.lastPush.changed} quantities changed. ` : ". "}
            <Link to={`/app/runs/${catalog.lastPush.runId}`}>See the run</Link>
          </Text>
        ) : null}
        {confirmResync ? (
          <Banner tone="warning" title="A full resync is long and heavy">
            <BlockStack gap="200">
              <p>
                It rewrites every product in Shopify (name, description, prices, attributes) whatever changed, in the background. With a large catalog
                it takes hours and uses much of Shopify&apos;s API budget, so other syncs slow down meanwhile. It can be cancelled, and resumes where
                it stopped.
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
            {fetcher.data.intent === "push-stock"
              ? "Follow the stock push"
              : fetcher.data.intent === "full-resync"
                ? "Follow the full resync"
                : "Follow the run"}
          </Link>
        ) : null}
        <InlineStack gap="200">
          <Button
            variant={completed ? "secondary" : "primary"}
            disabled={catalog.runningSyncRunId !== null}
            onClick={() => fetcher.submit({ intent: "product-sync" }, { method: "post" })}
          >
            {completed ? "Force product sync" : catalog.firstSync === "not-started" ? "Start first product sync" : "Resume first product sync"}
          </Button>
          <Button
            disabled={!canPush || catalog.runningPushRunId !== null}
            onClick={() => fetcher.submit({ intent: "push-stock" }, { method: "post" })}
          >
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

/** What the last action of a card could not do, in the merchant's words. */
function ErrorLine({ error }: { error: string | undefined }) {
  return error ? (
    <Text as="p" tone="critical">
      {error}
    </Text>
  ) : null;
}
