import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Button, Card, IndexTable, InlineStack, Page, Text, TextField } from "@shopify/polaris";
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
          {changes.length === 0 ? (
            <Box padding="400">
              <Text as="p" tone="subdued">
                {query.sku ? "No stock change for that SKU." : "No stock pushed yet."}
              </Text>
            </Box>
          ) : (
            <IndexTable
              selectable={false}
              resourceName={{ singular: "stock change", plural: "stock changes" }}
              itemCount={changes.length}
              headings={[{ title: "When" }, { title: "SKU" }, { title: "Location" }, { title: "From" }, { title: "To" }, { title: "Run" }]}
            >
              {changes.map((change, index) => (
                <IndexTable.Row id={change.id} key={change.id} position={index}>
                  <IndexTable.Cell>
                    <span suppressHydrationWarning>{new Date(change.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" })}</span>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {change.sku}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{change.location}</IndexTable.Cell>
                  <IndexTable.Cell>{change.from ?? "unknown"}</IndexTable.Cell>
                  <IndexTable.Cell>{change.to}</IndexTable.Cell>
                  <IndexTable.Cell>{change.runId ? <Link to={`/app/runs/${change.runId}`}>Run</Link> : "—"}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
