import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Page, TextField } from "@shopify/polaris";
import { ListTable, RowName } from "../common/ListTable";
import type { StockHistoryQuery, StockHistoryRow } from "../../services/catalog/stock-history.server";

/** Every quantity the stock push changed in Shopify: when, which SKU, where, from what to what, by which run. */
export function StockHistoryPage({ query, changes }: { query: StockHistoryQuery; changes: StockHistoryRow[] }) {
  const [sku, setSku] = useState(query.sku);
  const [params, setParams] = useSearchParams();
  // The search changes only its own parameter: the embedded app's own (shop, host) stay in the address.
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (sku.trim()) next.set("sku", sku.trim());
    else next.delete("sku");
    setParams(next);
  };
  return (
    <Page
      title="Stock history"
      subtitle="What the stock push changed in Shopify, newest first"
      backAction={{ content: "Catalog", url: "/app/catalog" }}
    >
      <BlockStack gap="400">
        <Card>
          <form onSubmit={onSearch} role="search">
            <InlineStack gap="200" blockAlign="end">
              <div style={{ flexGrow: 1 }}>
                <TextField label="SKU" value={sku} onChange={setSku} autoComplete="off" placeholder="Search by SKU" />
              </div>
              <Button submit>Search</Button>
            </InlineStack>
          </form>
        </Card>
        <Card padding="0">
          <ListTable
            resourceName={{ singular: "stock change", plural: "stock changes" }}
            rows={changes}
            rowId={(change) => change.id}
            empty={query.sku ? "No stock change for that SKU." : "No stock pushed yet."}
            columns={[
              {
                title: "When",
                cell: (change) => (
                  <span suppressHydrationWarning>{new Date(change.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" })}</span>
                ),
              },
              { title: "SKU", cell: (change) => <RowName>{change.sku}</RowName> },
              { title: "Location", cell: (change) => change.location },
              { title: "From", cell: (change) => change.from ?? "unknown" },
              { title: "To", cell: (change) => change.to },
              { title: "Run", cell: (change) => (change.runId ? <Link to={`/app/runs/${change.runId}`}>Run</Link> : "—") },
            ]}
          />
        </Card>
      </BlockStack>
    </Page>
  );
}
