import { useState, type FormEvent } from "react";
import { useFetcher, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, EmptyState, InlineStack, Page, Pagination, Tabs, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useSavedToast } from "../../hooks/use-saved-toast";
import type { TFunction } from "i18next";
import { canRetryOrder, type OrderList, type OrderListQuery, type OrderSyncRow } from "../../services/sync/orders/order-sync-states";
import { OrderSyncBadge } from "./OrderSyncBadge";
import { OrderPosCell, SaidReason } from "./OrderPosCell";
import { OrderLegalCell } from "./OrderLegalCell";
import { OrderRefunds } from "./OrderRefunds";
import { hasProblems } from "../../services/tax-ids/tax-identifier";
import { usePolling } from "../../hooks/use-polling";
import { ListTable, RowName, type ListColumn } from "../common/ListTable";
import { useShopFormatter } from "../../i18n/use-locale";
import type { Formatter } from "../../i18n/format";
import { shopifyOrderUrl } from "../../services/shopify/gid";
/** Most needed first: narrow screens fold the last tabs into "More views". */
const TABS: Array<OrderListQuery["state"]> = ["all", "failed", "flagged", "retrying", "waiting", "queued", "exported", "skipped"];

/** States that change by themselves soon. */
const MOVING: Array<OrderSyncRow["state"]> = ["queued", "retrying"];

export function OrdersPage({ query, list }: { query: OrderListQuery; list: OrderList }) {
  const { t } = useTranslation();
  const format = useShopFormatter();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(query.q);
  const retryAll = useFetcher<{ retried: number }>();
  useSavedToast(retryAll, (data) => t("orders.retried", { count: data.retried }));

  // The list is live: quickly while an order on screen is on its way, slowly otherwise (new orders arrive by themselves).
  const moving = list.rows.some((row) => MOVING.includes(row.state));
  usePolling(moving ? 2000 : 5000);

  const navigate = (change: Partial<Record<"q" | "state" | "page", string>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("page" in change)) next.delete("page");
    setParams(next);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    navigate({ q: search.trim() });
  };

  const selectedTab = TABS.indexOf(query.state);
  return (
    <Page
      title={t("orders.title")}
      subtitle={`${t("orders.subtitle")} · ${t("time.zoneLabel", { zone: format.timeZone })}`}
      backAction={{ content: t("nav.dashboard"), url: "/app" }}
      primaryAction={{
        content: t("orders.retryAllFailed", { count: list.counts.failed + list.failedRefunds }),
        disabled: list.counts.failed + list.failedRefunds === 0,
        loading: retryAll.state !== "idle",
        onAction: () => retryAll.submit({ intent: "retry-all-failed" }, { method: "post" }),
      }}
    >
      <Card padding="0">
        <Tabs
          tabs={TABS.map((state) => ({
            id: `orders-${state}`,
            content: `${t(`orders.tab.${state}`)} (${format.number(list.counts[state])})`,
            accessibilityLabel: t("orders.tabLabel", { state: t(`orders.tab.${state}`) }),
          }))}
          selected={selectedTab}
          onSelect={(index) => navigate({ state: TABS[index] === "all" ? "" : (TABS[index] ?? "") })}
        />
        <Box padding="300">
          <form onSubmit={onSearch} role="search">
            <TextField
              label={t("orders.search")}
              labelHidden
              placeholder={t("orders.searchPlaceholder")}
              value={search}
              onChange={setSearch}
              autoComplete="off"
              clearButton
              onClearButtonClick={() => {
                setSearch("");
                navigate({ q: "" });
              }}
              connectedRight={<Button submit>{t("orders.searchButton")}</Button>}
            />
          </form>
        </Box>
        {list.rows.length === 0 ? (
          <EmptyState heading={query.q || query.state !== "all" ? t("orders.empty.filteredTitle") : t("orders.empty.title")} image="">
            <p>{query.q || query.state !== "all" ? t("orders.empty.filtered") : t("orders.empty.body")}</p>
          </EmptyState>
        ) : (
          <ListTable
            resourceName={{ singular: t("orders.singular"), plural: t("orders.plural") }}
            rows={list.rows}
            rowId={(row) => row.orderId}
            columns={orderColumns(t, format)}
          />
        )}
        <Box padding="300">
          <InlineStack align="center">
            <Pagination
              hasPrevious={list.page > 1}
              onPrevious={() => navigate({ page: String(list.page - 1) })}
              hasNext={list.hasNext}
              onNext={() => navigate({ page: String(list.page + 1) })}
              label={t("orders.page", { page: list.page })}
            />
          </InlineStack>
        </Box>
      </Card>
    </Page>
  );
}

function orderColumns(t: TFunction, format: Formatter): Array<ListColumn<OrderSyncRow>> {
  return [
    {
      title: t("orders.column.order"),
      cell: (row) => (
        <BlockStack gap="050">
          {/* The order in the Shopify admin (App Bridge opens shopify://admin links in the admin itself). */}
          <a href={shopifyOrderUrl(row.orderId)} target="_top" aria-label={t("orders.openInShopify", { name: row.name })}>
            <RowName>{row.name}</RowName>
          </a>
          <Text as="span" tone="subdued">
            <span suppressHydrationWarning>{format.dateTime(row.createdAt)}</span>
          </Text>
        </BlockStack>
      ),
    },
    { title: t("orders.column.customer"), cell: (row) => row.email ?? t("orders.guest") },
    {
      title: t("orders.column.erp"),
      cell: (row) => (
        <BlockStack gap="100">
          <InlineStack gap="100">
            <OrderSyncBadge state={row.state} />
            {row.flag ? <Badge tone="warning">{t("orders.tab.flagged")}</Badge> : null}
            {row.legal && hasProblems(row.legal) ? <Badge tone="critical">{t("orders.legal.badge")}</Badge> : null}
          </InlineStack>
          {row.erpNumber || row.erpName ? <Text as="span">{[row.erpNumber, row.erpName].filter(Boolean).join(" · ")}</Text> : null}
          {row.invoice ? (
            <Text as="span" tone="subdued">
              {row.invoice.date
                ? t("orders.invoice", { number: row.invoice.number, date: format.date(`${row.invoice.date}T12:00:00Z`) })
                : t("orders.invoiceUndated", { number: row.invoice.number })}
            </Text>
          ) : null}
          <OrderRefunds refunds={row.refunds} format={format} />
        </BlockStack>
      ),
    },
    { title: t("orders.column.pos"), cell: (row) => <OrderPosCell pos={row.pos} /> },
    {
      title: t("orders.column.detail"),
      cell: (row) => (
        <>
          {/* A reason or a flag is a sentence the merchant reads whole: it wraps inside the table instead of running off the card. */}
          <div style={{ whiteSpace: "normal", minWidth: "14rem", maxWidth: "24rem" }}>
            <BlockStack gap="100">
              <OrderLegalCell legal={row.legal} />
              {row.reason ? (
                <Text as="span" tone={row.state === "failed" ? "critical" : "subdued"} breakWord>
                  <SaidReason text={row.reason} />
                  {row.attempts > 1 ? ` ${t("orders.attempts", { count: row.attempts })}` : ""}
                </Text>
              ) : null}
              {row.flag ? (
                <Text as="span" tone="caution" breakWord>
                  <SaidReason text={row.flag} />
                </Text>
              ) : null}
              <RetryOrderButton row={row} />
            </BlockStack>
          </div>
        </>
      ),
    },
  ];
}

/** Retry, for an order that failed, is retrying, or waits for anything but its payment; or one of whose refunds failed. */
function RetryOrderButton({ row }: { row: OrderSyncRow }) {
  const { t } = useTranslation();
  const retry = useFetcher<{ retried: number }>();
  return canRetryOrder(row) ? (
    <InlineStack>
      <Button
        size="slim"
        loading={retry.state !== "idle"}
        accessibilityLabel={t("orders.retryNamed", { name: row.name })}
        onClick={() => retry.submit({ intent: "retry", orderId: row.orderId }, { method: "post" })}
      >
        {t("orders.retry")}
      </Button>
    </InlineStack>
  ) : null;
}
