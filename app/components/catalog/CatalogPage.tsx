import { useState } from "react";
import { Link, useFetcher, type FetcherWithComponents } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Layout, Page, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { CatalogPageData } from "../../services/catalog/catalog-overview.server";
import { CATALOG_SOURCES, type CatalogSettings } from "../../services/catalog/catalog-settings";
import { usePolling } from "../../hooks/use-polling";
import { useSavedToast } from "../../hooks/use-saved-toast";
import { ConfirmModal } from "../common/ConfirmModal";
import { IcecatCard } from "./IcecatCard";
import type { IcecatSettingsView } from "../../services/icecat/icecat-settings";
import type { MerchantText } from "../../i18n/merchant-message";
import { useSay } from "../../i18n/use-say";
import { useShopFormatter } from "../../i18n/use-locale";
import { formAnswer } from "../../hooks/form-answer";

export type CatalogActionResult = { intent: string; errors?: MerchantText[]; runId?: string };

/** Where the catalog comes from, which stock each location shows, what travels, and the syncs' state and buttons. */
export function CatalogPage({ data, icecat }: { data: CatalogPageData; icecat: IcecatSettingsView }) {
  const { t } = useTranslation();
  const products = t(`catalog.source.${data.settings.productSource}`);
  const actions = useCatalogActions(data.catalog, data.sourcesMissing === null);
  return (
    <Page
      title={t("catalog.title")}
      subtitle={t("catalog.subtitle")}
      backAction={{ content: t("nav.dashboard"), url: "/app" }}
      primaryAction={actions.primary}
      secondaryActions={actions.secondary}
    >
      <Layout>
        <Layout.AnnotatedSection title={t("catalog.sources.title")} description={t("catalog.sources.description")}>
          <SourcesCard data={data} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title={t("catalog.stock.title")}
          description={data.settings.stockSource === "pos" ? t("catalog.stock.descriptionPos") : t("catalog.stock.descriptionErp")}
        >
          <LocationsCard data={data} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("catalog.sync.title")} description={t("catalog.sync.description", { source: products })}>
          {data.sourcesMissing ? (
            <Card>
              <Text as="p" tone="subdued">
                <MissingSources missing={data.sourcesMissing} />
              </Text>
            </Card>
          ) : (
            <CatalogCard catalog={data.catalog} sourceName={products} fetcher={actions.fetcher} />
          )}
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("catalog.ecommerce.title")} description={t("catalog.ecommerce.description", { source: products })}>
          <SyncSettingsCard settings={data.settings} sourceName={products} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("catalog.icecat.title")} description={t("catalog.icecat.description")}>
          <IcecatCard icecat={icecat} />
        </Layout.AnnotatedSection>
      </Layout>
      {actions.modal}
    </Page>
  );
}

/** "To sync the catalog, connect the POS (POS page)." */
function MissingSources({ missing }: { missing: Array<"pos" | "erp"> }) {
  const { t } = useTranslation();
  return <>{t("catalog.missing", { what: missing.map((system) => t(`catalog.connect.${system}`)).join(t("catalog.and")) })}</>;
}

function SourcesCard({ data }: { data: CatalogPageData }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<CatalogActionResult>();
  useSavedToast(fetcher, t("catalog.saved"));
  const options = (Object.keys(CATALOG_SOURCES) as Array<keyof typeof CATALOG_SOURCES>).map((value) => {
    const connected = value === "pos" ? data.posConnected : data.erpConnected;
    return { value, label: connected ? t(`catalog.sources.${value}`) : t(`catalog.sources.notConnected.${value}`) };
  });
  const save = (field: "productSource" | "stockSource") => (value: string) =>
    fetcher.submit({ intent: "settings", [field]: value }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Select
          label={t("catalog.sources.products")}
          options={options}
          value={data.settings.productSource}
          onChange={save("productSource")}
          helpText={t("catalog.sources.productsHelp")}
        />
        <Select label={t("catalog.sources.stock")} options={options} value={data.settings.stockSource} onChange={save("stockSource")} />
        {data.sourcesMissing ? (
          <Banner tone="warning">
            <p>
              <MissingSources missing={data.sourcesMissing} />
            </p>
          </Banner>
        ) : null}
        <ErrorLine errors={fetcher.data?.errors} />
      </BlockStack>
    </Card>
  );
}

function LocationsCard({ data }: { data: CatalogPageData }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<CatalogActionResult>();
  useSavedToast(fetcher, t("catalog.saved"));
  const fromPos = data.settings.stockSource === "pos";
  const options = [
    { label: t("catalog.stock.notSynced"), value: "none" },
    ...(fromPos
      ? [
          { label: t("catalog.stock.sum"), value: "sum" },
          ...data.salePoints.map((point) => ({
            label: point.active ? point.name : t("catalog.stock.salePointOff", { name: point.name }),
            value: point.salePointId,
          })),
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
          {t("catalog.stock.noLocation")}
        </Text>
      </Card>
    );
  }
  return (
    <Card>
      <BlockStack gap="300">
        {data.warehousesError ? (
          <Text as="p" tone="critical">
            {t("catalog.stock.warehousesError", { reason: data.warehousesError })}
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
        <ErrorLine errors={fetcher.data?.errors} />
      </BlockStack>
    </Card>
  );
}

function SyncSettingsCard({ settings, sourceName }: { settings: CatalogSettings; sourceName: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<CatalogActionResult>();
  useSavedToast(fetcher, t("catalog.saved"));
  const submit = (change: Partial<Pick<CatalogSettings, "syncCategories" | "syncImages" | "draftWhenOutOfStock" | "draftWhenNotOffered">>) =>
    fetcher.submit(
      { intent: "settings", ...Object.fromEntries(Object.entries(change).map(([key, value]) => [key, String(value)])) },
      { method: "post" },
    );
  return (
    <Card>
      <BlockStack gap="200">
        <Checkbox
          label={t("catalog.ecommerce.categories")}
          helpText={t("catalog.ecommerce.categoriesHelp", { source: sourceName })}
          checked={settings.syncCategories}
          onChange={(checked) => submit({ syncCategories: checked })}
        />
        <Checkbox
          label={t("catalog.ecommerce.images")}
          helpText={t("catalog.ecommerce.imagesHelp")}
          checked={settings.syncImages}
          onChange={(checked) => submit({ syncImages: checked })}
        />
        <Text as="h3" variant="headingSm">
          {t("catalog.ecommerce.listingRules")}
        </Text>
        <Checkbox
          label={t("catalog.ecommerce.outOfStock")}
          helpText={t("catalog.ecommerce.outOfStockHelp")}
          checked={settings.draftWhenOutOfStock}
          onChange={(checked) => submit({ draftWhenOutOfStock: checked })}
        />
        <Checkbox
          label={t("catalog.ecommerce.notOffered", { source: sourceName })}
          helpText={t("catalog.ecommerce.notOfferedHelp", { source: sourceName })}
          checked={settings.draftWhenNotOffered}
          onChange={(checked) => submit({ draftWhenNotOffered: checked })}
        />
        <Text as="h3" variant="headingSm">
          {t("catalog.ecommerce.writes")}
        </Text>
        <BulkThresholdField threshold={settings.bulkThreshold} />
      </BlockStack>
    </Card>
  );
}

/** Above how many products a write to Shopify goes as bulk operations. */
function BulkThresholdField({ threshold }: { threshold: number }) {
  const { t } = useTranslation();
  const say = useSay();
  const fetcher = useFetcher<CatalogActionResult>();
  useSavedToast(fetcher, t("catalog.saved"));
  const [value, setValue] = useState(String(threshold));
  const answer = formAnswer(fetcher);
  const saved = answer?.intent === "settings" && !answer.errors;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="settings" />
      <TextField
        label={t("catalog.ecommerce.bulkAbove")}
        name="bulkThreshold"
        type="number"
        suffix={t("catalog.ecommerce.products")}
        autoComplete="off"
        value={value}
        onChange={setValue}
        error={answer?.errors ? answer.errors.map(say).join(" ") : undefined}
        helpText={saved ? t("catalog.savedInline") : t("catalog.ecommerce.bulkHelp")}
        connectedRight={
          <Button submit loading={fetcher.state !== "idle"}>
            {t("catalog.save")}
          </Button>
        }
      />
    </fetcher.Form>
  );
}

/**
 * The page's actions: the first product sync until it has completed (then forced again on demand), the stock push,
 * and the full resync (asked first). The primary one is the sync until it has completed, then the push.
 */
function useCatalogActions(catalog: CatalogPageData["catalog"], available: boolean) {
  const { t } = useTranslation();
  const fetcher = useFetcher<CatalogActionResult>();
  const [confirmResync, setConfirmResync] = useState(false);
  const [forceImages, setForceImages] = useState(false);
  const completed = catalog.firstSync === "completed";
  // While the sync waits at Shopify's daily limit (days, at 1,000 new variants a day), what it linked gets its stock.
  const canPush = completed || catalog.firstSync === "waiting";
  const running = catalog.runningSyncRunId !== null;
  const sync = {
    content: running
      ? t("catalog.card.syncRunning")
      : completed
        ? t("catalog.card.forceSync")
        : catalog.firstSync === "not-started"
          ? t("catalog.card.startSync")
          : t("catalog.card.resumeSync"),
    disabled: !available || running,
    onAction: () => fetcher.submit({ intent: "product-sync" }, { method: "post" }),
  };
  const push = {
    content: catalog.runningPushRunId ? t("catalog.card.pushing") : t("catalog.card.push"),
    disabled: !available || !canPush || catalog.runningPushRunId !== null,
    onAction: () => fetcher.submit({ intent: "push-stock" }, { method: "post" }),
  };
  const resync = {
    content: catalog.runningResync ? t("catalog.card.resyncing") : t("catalog.card.resync"),
    disabled: !available || !completed || catalog.runningResync !== null,
    onAction: () => setConfirmResync(true),
  };
  const modal = (
    <ConfirmModal
      open={confirmResync}
      onClose={() => setConfirmResync(false)}
      title={t("catalog.resync.title")}
      body={
        <BlockStack gap="200">
          <Text as="p">{t("catalog.resync.body")}</Text>
          <Checkbox label={t("catalog.resync.images")} checked={forceImages} onChange={setForceImages} />
        </BlockStack>
      }
      confirm={t("catalog.resync.start")}
      destructive
      onConfirm={() => fetcher.submit({ intent: "full-resync", forceImages: String(forceImages) }, { method: "post" })}
    />
  );
  return { fetcher, primary: completed ? push : sync, secondary: completed ? [sync, resync] : [push, resync], modal };
}

function CatalogCard({
  catalog,
  sourceName,
  fetcher,
}: {
  catalog: CatalogPageData["catalog"];
  sourceName: string;
  fetcher: FetcherWithComponents<CatalogActionResult>;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const format = useShopFormatter();
  const busy = catalog.runningSyncRunId !== null || catalog.runningPushRunId !== null || catalog.runningResync !== null;
  usePolling(busy ? 1500 : null);
  const completed = catalog.firstSync === "completed";
  // The run's own progress while it goes: it moves product by product, and while a bulk operation makes them.
  const percent = catalog.runningSyncProgress ?? (catalog.total ? Math.round((catalog.done / catalog.total) * 100) : 0); // not money: products done of the total
  const of = { done: format.number(catalog.done), total: catalog.total === null ? "?" : format.number(catalog.total) }; // not money: product counts
  const summary = t("catalog.card.summary", { linked: catalog.linked, created: catalog.created, failed: catalog.failed });
  return (
    <Card>
      <BlockStack gap="300">
        {completed ? (
          <Banner tone="success" title={t("catalog.card.completedTitle")}>
            <p suppressHydrationWarning>{t("catalog.card.completed", { when: format.dateTime(catalog.completedAt!), summary })}</p>
          </Banner>
        ) : catalog.firstSync === "waiting" ? (
          <Banner tone="warning" title={t("catalog.card.waitingTitle")}>
            <p suppressHydrationWarning>
              {t("catalog.card.waiting", {
                ...of,
                summary,
                when: catalog.resumeAt ? t("catalog.card.after", { when: format.dateTime(catalog.resumeAt) }) : t("catalog.card.whenAllowed"),
              })}
            </p>
          </Banner>
        ) : (
          <Banner tone="critical" title={catalog.firstSync === "running" ? t("catalog.card.runningTitle") : t("catalog.card.notCompletedTitle")}>
            <p>
              {catalog.firstSync === "running"
                ? t("catalog.card.running", { ...of, summary })
                : catalog.firstSync === "not-started"
                  ? t("catalog.card.notStarted", { source: sourceName })
                  : t("catalog.card.stopped", { ...of, state: catalog.firstSync })}
            </p>
          </Banner>
        )}
        {catalog.runningSyncRunId ? (
          <RunningBar label={t("catalog.card.progress")} percent={percent} runId={catalog.runningSyncRunId} follow={t("catalog.card.followSync")} />
        ) : null}
        {catalog.runningResync ? (
          <RunningBar
            label={t("catalog.card.resyncProgress")}
            percent={catalog.runningResync.progress}
            runId={catalog.runningResync.runId}
            follow={t("catalog.card.followResync")}
          />
        ) : null}
        {catalog.runningPushRunId ? (
          <Text as="p">
            {t("catalog.card.pushRunning")} <Link to={`/app/runs/${catalog.runningPushRunId}`}>{t("catalog.card.followPush")}</Link>
          </Text>
        ) : null}
        {catalog.lastPush ? (
          <Text as="p">
            <span suppressHydrationWarning>
              {t("catalog.card.lastPush", { when: format.dateTime(catalog.lastPush.at), status: t(`runs.status.${catalog.lastPush.status}`) })}
            </span>
            {catalog.lastPush.changed !== null ? t("catalog.card.changed", { count: catalog.lastPush.changed }) : ". "}
            <Link to={`/app/runs/${catalog.lastPush.runId}`}>{t("catalog.card.seeRun")}</Link>
          </Text>
        ) : null}
        {fetcher.data?.errors && ["product-sync", "push-stock", "full-resync"].includes(fetcher.data.intent) ? (
          <Text as="p" tone="critical">
            {fetcher.data.errors.map(say).join(" ")}
          </Text>
        ) : null}
        {fetcher.data?.runId && fetcher.data.runId !== catalog.runningPushRunId ? (
          <Link to={`/app/runs/${fetcher.data.runId}`}>
            {fetcher.data.intent === "push-stock"
              ? t("catalog.card.followPush")
              : fetcher.data.intent === "full-resync"
                ? t("catalog.card.followResync")
                : t("catalog.card.followRun")}
          </Link>
        ) : null}
        <Link to="/app/stock">{t("nav.stock")}</Link>
      </BlockStack>
    </Card>
  );
}

/** A run going now: its progress bar with its percent, and the link to its page. */
function RunningBar({ label, percent, runId, follow }: { label: string; percent: number; runId: string; follow: string }) {
  const format = useShopFormatter();
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center" wrap={false}>
        <div style={{ flexGrow: 1 }} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <ProgressBar progress={percent} animated={false} />
        </div>
        <Text as="span" tone="subdued">{`${format.number(percent)} %`}</Text>
      </InlineStack>
      <Link to={`/app/runs/${runId}`}>{follow}</Link>
    </BlockStack>
  );
}

/** What the last action of a card could not do, in the merchant's words. */
function ErrorLine({ errors }: { errors: MerchantText[] | undefined }) {
  const say = useSay();
  return errors ? (
    <Text as="p" tone="critical">
      {errors.map(say).join(" ")}
    </Text>
  ) : null;
}
