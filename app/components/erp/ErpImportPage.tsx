/**
 * Import the store's products into the ERP: what it will make (counts, categories, the first products as articles),
 * the category setting, and the button that starts the run; the run's own page follows it (progress, cancel, log).
 */
import { useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, List, Page, Select, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { ErpImportPreview } from "../../services/catalog/erp-product-import-preview.server";
import type { MerchantText } from "../../i18n/merchant-message";
import { useSay } from "../../i18n/use-say";
import { useShopClock, useShopFormatter } from "../../i18n/use-locale";

export type ErpImportActionResult = { runId?: string; errors?: MerchantText[] };

export function ErpImportPage({
  erps,
  preview,
  unavailable,
}: {
  erps: Array<{ id: string; name: string }>;
  preview: ErpImportPreview | null;
  unavailable: boolean;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const format = useShopFormatter();
  const { currency } = useShopClock();
  const start = useFetcher<ErpImportActionResult>();
  const [categoryFrom, setCategoryFrom] = useState(preview?.categoryFrom ?? "product-type");
  const count = (n: number) => (preview?.atLeast ? t("erpImport.atLeast", { n: format.number(n) }) : format.number(n));

  return (
    <Page title={t("erpImport.title")} subtitle={t("erpImport.subtitle")} backAction={{ content: t("nav.erp"), url: "/app/erp" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {erps.length === 0 ? (
              <Banner tone="warning" title={t("erpImport.noErp.title")}>
                <p>
                  {t("erpImport.noErp.body")} <Link to="/app/erp">{t("nav.erp")}</Link>
                </p>
              </Banner>
            ) : null}
            {unavailable ? (
              <Banner tone="warning" title={t("erpImport.unavailable.title")}>
                <p>{t("erpImport.unavailable.body")}</p>
              </Banner>
            ) : null}
            <Banner tone="info" title={t("erpImport.how.title")}>
              <List>
                <List.Item>{t("erpImport.how.bySku")}</List.Item>
                <List.Item>{t("erpImport.how.warehouses")}</List.Item>
                <List.Item>{t("erpImport.how.images")}</List.Item>
                <List.Item>{t("erpImport.how.prices")}</List.Item>
                <List.Item>{t("erpImport.how.noSku")}</List.Item>
              </List>
            </Banner>
            {preview ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("erpImport.preview.title")}
                  </Text>
                  <Text as="p">
                    {t("erpImport.preview.counts", {
                      products: count(preview.products),
                      variants: count(preview.variants),
                    })}
                  </Text>
                  <List>
                    {preview.erps.map((erp) => (
                      <List.Item key={erp.id}>
                        {t("erpImport.preview.erp", {
                          name: erp.name,
                          linked: format.number(erp.linked),
                          created: format.number(erp.created),
                        })}
                      </List.Item>
                    ))}
                  </List>
                  <Select
                    label={t("erpImport.categoryFrom.label")}
                    helpText={t("erpImport.categoryFrom.help")}
                    options={(["product-type", "collection", "none"] as const).map((value) => ({
                      value,
                      label: t(`erpImport.categoryFrom.${value}`),
                    }))}
                    value={categoryFrom}
                    onChange={(value) => setCategoryFrom(value as typeof categoryFrom)}
                  />
                  {categoryFrom === "product-type" ? (
                    <Text as="p" tone="subdued">
                      {preview.productTypes.length
                        ? t("erpImport.preview.categories", { names: preview.productTypes.join(", ") })
                        : t("erpImport.preview.noTypes")}
                    </Text>
                  ) : null}
                  <Text as="h3" variant="headingSm">
                    {t("erpImport.preview.sample")}
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "text", "text", "numeric", "text"]}
                    headings={[
                      t("erpImport.column.product"),
                      t("erpImport.column.sku"),
                      t("erpImport.column.article"),
                      t("erpImport.column.price"),
                      t("erpImport.column.category"),
                    ]}
                    rows={preview.sample.flatMap((product) =>
                      product.articles.map((article) => [
                        product.product,
                        article.sku ?? t("erpImport.column.noSku"),
                        article.sku ? article.name : "—",
                        currency ? format.money(article.price, currency) : article.price,
                        (categoryFrom === "product-type" ? product.productType : categoryFrom === "collection" ? product.collection : null) ?? "—",
                      ]),
                    )}
                  />
                  {start.data?.errors ? (
                    <Banner tone="warning" title={t("erpImport.notStarted")}>
                      <p>{start.data.errors.map(say).join(" ")}</p>
                    </Banner>
                  ) : null}
                  {start.data?.runId ? (
                    <Banner tone="success" title={t("erpImport.started")}>
                      <Link to={`/app/runs/${start.data.runId}`}>{t("erpImport.follow")}</Link>
                    </Banner>
                  ) : null}
                  <InlineStack align="end" gap="200">
                    <Button
                      variant="primary"
                      loading={start.state !== "idle"}
                      onClick={() => start.submit({ intent: "import", categoryFrom }, { method: "post" })}
                    >
                      {t("erpImport.start")}
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("erpImport.recurring.title")}
                </Text>
                <Text as="p">{t("erpImport.recurring.body")}</Text>
                <InlineStack>
                  <Link to="/app/schedules">{t("erpImport.recurring.link")}</Link>
                </InlineStack>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
