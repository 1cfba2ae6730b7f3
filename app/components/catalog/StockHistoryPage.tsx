import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Page, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { ListTable, RowName } from "../common/ListTable";
import type { StockHistoryQuery, StockHistoryRow } from "../../services/catalog/stock-history.server";
import { useShopFormatter } from "../../i18n/use-locale";

/** Every quantity the stock push changed in Shopify: when (in the shop's time zone), which SKU, where, from what to what, by which run. */
export function StockHistoryPage({ query, changes }: { query: StockHistoryQuery; changes: StockHistoryRow[] }) {
  const { t } = useTranslation();
  const format = useShopFormatter();
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
      title={t("stockHistory.title")}
      subtitle={`${t("stockHistory.subtitle")} · ${t("time.zoneLabel", { zone: format.timeZone })}`}
      backAction={{ content: t("stockHistory.back"), url: "/app/catalog" }}
    >
      <BlockStack gap="400">
        <Card>
          <form onSubmit={onSearch} role="search">
            <InlineStack gap="200" blockAlign="end">
              <div style={{ flexGrow: 1 }}>
                <TextField
                  label={t("stockHistory.sku")}
                  value={sku}
                  onChange={setSku}
                  autoComplete="off"
                  placeholder={t("stockHistory.searchPlaceholder")}
                />
              </div>
              <Button submit>{t("stockHistory.search")}</Button>
            </InlineStack>
          </form>
        </Card>
        <Card padding="0">
          <ListTable
            resourceName={{ singular: t("stockHistory.singular"), plural: t("stockHistory.plural") }}
            rows={changes}
            rowId={(change) => change.id}
            empty={query.sku ? t("stockHistory.emptyForSku") : t("stockHistory.empty")}
            columns={[
              { title: t("stockHistory.when"), cell: (change) => <span suppressHydrationWarning>{format.dateTime(change.at)}</span> },
              { title: t("stockHistory.sku"), cell: (change) => <RowName>{change.sku}</RowName> },
              { title: t("stockHistory.location"), cell: (change) => change.location },
              { title: t("stockHistory.from"), cell: (change) => change.from ?? t("stockHistory.firstPush") },
              { title: t("stockHistory.to"), cell: (change) => change.to },
              {
                title: t("stockHistory.run"),
                cell: (change) => (change.runId ? <Link to={`/app/runs/${change.runId}`}>{t("stockHistory.run")}</Link> : "—"),
              },
            ]}
          />
        </Card>
      </BlockStack>
    </Page>
  );
}
