import { useState, type FormEvent } from "react";
import { useFetcher, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Page, Pagination, Tabs, Text, TextField } from "@shopify/polaris";
import { WAITING_FOR_PAYMENT, type OrderList, type OrderListQuery, type OrderSyncRow } from "../../services/sync/orders/order-sync-states";
import { OrderSyncBadge } from "./OrderSyncBadge";
import { usePolling } from "../../hooks/use-polling";
import { ListTable, RowName, type ListColumn } from "../common/ListTable";

const TAB_LABELS: Record<OrderListQuery["state"], string> = {
  all: "All",
  queued: "Queued",
  waiting: "Waiting",
  retrying: "Retrying",
  failed: "Failed",
  exported: "Exported",
  skipped: "Not sent",
  flagged: "Needs attention",
};
/** Most needed first: narrow screens fold the last tabs into "More views". */
const TABS: Array<OrderListQuery["state"]> = ["all", "failed", "flagged", "retrying", "waiting", "queued", "exported", "skipped"];

/** States that change by themselves soon. */
const MOVING: Array<OrderSyncRow["state"]> = ["queued", "retrying"];

export function OrdersPage({ query, list }: { query: OrderListQuery; list: OrderList }) {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(query.q);
  const retryAll = useFetcher<{ retried: number }>();

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
      title="Orders"
      subtitle="Each Shopify order on its way to the ERP"
      primaryAction={{
        content: `Retry all failed (${list.counts.failed})`,
        disabled: list.counts.failed === 0,
        loading: retryAll.state !== "idle",
        onAction: () => retryAll.submit({ intent: "retry-all-failed" }, { method: "post" }),
      }}
    >
      <Card padding="0">
        <Tabs
          tabs={TABS.map((state) => ({
            id: `orders-${state}`,
            content: `${TAB_LABELS[state]} (${list.counts[state]})`,
            accessibilityLabel: `${TAB_LABELS[state]} orders`,
          }))}
          selected={selectedTab}
          onSelect={(index) => navigate({ state: TABS[index] === "all" ? "" : (TABS[index] ?? "") })}
        />
        <Box padding="300">
          <form onSubmit={onSearch} role="search">
            <TextField
              label="Search orders"
              labelHidden
              placeholder="Order name, customer email or ERP number"
              value={search}
              onChange={setSearch}
              autoComplete="off"
              clearButton
              onClearButtonClick={() => {
                setSearch("");
                navigate({ q: "" });
              }}
              connectedRight={<Button submit>Search</Button>}
            />
          </form>
        </Box>
        {list.rows.length === 0 ? (
          <Box padding="600">
            <BlockStack gap="200" inlineAlign="center">
              <Text as="h2" variant="headingMd">
                {query.q || query.state !== "all" ? "No orders match" : "No orders yet"}
              </Text>
              <Text as="p" tone="subdued">
                {query.q || query.state !== "all" ? "Try another search or state." : "Orders appear here as soon as Shopify sends them."}
              </Text>
            </BlockStack>
          </Box>
        ) : (
          <ListTable resourceName={{ singular: "order", plural: "orders" }} rows={list.rows} rowId={(row) => row.orderId} columns={ORDER_COLUMNS} />
        )}
        <Box padding="300">
          <InlineStack align="center">
            <Pagination
              hasPrevious={list.page > 1}
              onPrevious={() => navigate({ page: String(list.page - 1) })}
              hasNext={list.hasNext}
              onNext={() => navigate({ page: String(list.page + 1) })}
              label={`Page ${list.page}`}
            />
          </InlineStack>
        </Box>
      </Card>
    </Page>
  );
}

const ORDER_COLUMNS: Array<ListColumn<OrderSyncRow>> = [
  { title: "Order", cell: (row) => <RowName>{row.name}</RowName> },
  {
    title: "Date",
    cell: (row) => (
      <span suppressHydrationWarning>{new Date(row.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}</span>
    ),
  },
  { title: "Customer", cell: (row) => row.email ?? "Guest" },
  {
    title: "Sync",
    cell: (row) => (
      <InlineStack gap="100">
        <OrderSyncBadge state={row.state} />
        {row.flag ? <Badge tone="warning">Needs attention</Badge> : null}
      </InlineStack>
    ),
  },
  { title: "ERP number", cell: (row) => [row.erpNumber, row.erpName].filter(Boolean).join(" · ") || "—" },
  {
    title: "Detail",
    cell: (row) => (
      <>
        {/* A reason or a flag is a sentence the merchant reads whole: it wraps inside the table instead of running off the card. */}
        <div style={{ whiteSpace: "normal", minWidth: "16rem", maxWidth: "28rem" }}>
          <BlockStack gap="050">
            {row.reason ? (
              <Text as="span" tone={row.state === "failed" ? "critical" : "subdued"} breakWord>
                {row.reason}
                {row.attempts > 1 ? ` (${row.attempts} attempts)` : ""}
              </Text>
            ) : null}
            {row.flag ? (
              <Text as="span" tone="caution" breakWord>
                {row.flag}
              </Text>
            ) : null}
          </BlockStack>
        </div>
      </>
    ),
  },
  { title: "Action", hidden: true, cell: (row) => <RetryOrderButton row={row} /> },
];

/** Retry, for an order that failed, is retrying, or waits for anything but its payment. */
function RetryOrderButton({ row }: { row: OrderSyncRow }) {
  const retry = useFetcher<{ retried: number }>();
  const canRetry = row.state === "failed" || row.state === "retrying" || (row.state === "waiting" && row.reason !== WAITING_FOR_PAYMENT);
  return canRetry ? (
    <Button
      size="slim"
      loading={retry.state !== "idle"}
      accessibilityLabel={`Retry order ${row.name}`}
      onClick={() => retry.submit({ intent: "retry", orderId: row.orderId }, { method: "post" })}
    >
      Retry
    </Button>
  ) : null;
}
