import { useEffect, useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { ListTable, RowName } from "../common/ListTable";
import type { PriceListOverview, PricePreview } from "../../services/pricing/price-list-page.server";
import { PRICE_ADJUSTMENTS, PRICE_BASES, PRICE_ROUNDINGS, PRICE_SCOPES, type PriceRuleInput } from "../../services/pricing/price-rules";

export type PricesActionResult = { intent: string; errors?: string[]; preview?: PricePreview; runId?: string };

const options = (record: Record<string, string>) => Object.entries(record).map(([value, label]) => ({ value, label }));

/** The price list: rules in the order they apply, a form to add one, the preview, and the recalculation. */
export function PricesPage({ overview }: { overview: PriceListOverview }) {
  return (
    <Page title="Price list" subtitle="Selling prices worked out from the source's list or cost price">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <RulesCard rules={overview.rules} />
            <AddRuleCard />
            <ApplyCard overview={overview} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function RulesCard({ rules }: { rules: PriceListOverview["rules"] }) {
  const fetcher = useFetcher<PricesActionResult>();
  const act = (data: Record<string, string>) => fetcher.submit(data, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Rules
        </Text>
        <Text as="p" tone="subdued">
          The first rule that is on and covers a product sets its prices; a product no rule covers sells at the source&apos;s list price. The product
          refresh keeps these prices.
        </Text>
        {rules.length === 0 ? (
          <Text as="p">No rule yet: products sell at the source&apos;s list price.</Text>
        ) : (
          <ol aria-label="Price rules" style={{ margin: 0, paddingLeft: "1.5rem" }}>
            {rules.map((rule, index) => (
              <li key={rule.id} style={{ padding: "0.5rem 0" }}>
                <InlineStack gap="200" align="space-between" blockAlign="center">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" tone={rule.enabled ? undefined : "subdued"}>
                      {rule.description}
                    </Text>
                    {rule.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
                  </InlineStack>
                  <InlineStack gap="100">
                    <Button
                      size="slim"
                      disabled={index === 0}
                      accessibilityLabel={`Move up: ${rule.description}`}
                      onClick={() => act({ intent: "move", id: rule.id, direction: "up" })}
                    >
                      Move up
                    </Button>
                    <Button
                      size="slim"
                      disabled={index === rules.length - 1}
                      accessibilityLabel={`Move down: ${rule.description}`}
                      onClick={() => act({ intent: "move", id: rule.id, direction: "down" })}
                    >
                      Move down
                    </Button>
                    <Button
                      size="slim"
                      accessibilityLabel={`${rule.enabled ? "Switch off" : "Switch on"}: ${rule.description}`}
                      onClick={() => act({ intent: "toggle", id: rule.id, enabled: String(!rule.enabled) })}
                    >
                      {rule.enabled ? "Switch off" : "Switch on"}
                    </Button>
                    <Button
                      size="slim"
                      tone="critical"
                      accessibilityLabel={`Delete: ${rule.description}`}
                      onClick={() => act({ intent: "delete", id: rule.id })}
                    >
                      Delete
                    </Button>
                  </InlineStack>
                </InlineStack>
              </li>
            ))}
          </ol>
        )}
      </BlockStack>
    </Card>
  );
}

const EMPTY_RULE: PriceRuleInput = { scope: "all", scopeValue: "", base: "list", adjustment: "markup-percent", amount: "", rounding: "none" };

function AddRuleCard() {
  const fetcher = useFetcher<PricesActionResult>();
  const [rule, setRule] = useState<PriceRuleInput>(EMPTY_RULE);
  const set =
    <K extends keyof PriceRuleInput>(key: K) =>
    (value: string) =>
      setRule((current) => ({ ...current, [key]: value }));
  // A rule added clears the form for the next one; a refused one keeps what was typed.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.intent === "add" && !fetcher.data.errors) setRule(EMPTY_RULE);
  }, [fetcher.state, fetcher.data]);
  return (
    <Card>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          fetcher.submit({ intent: "add", ...rule }, { method: "post" });
        }}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Add a rule
          </Text>
          <InlineStack gap="300" blockAlign="end" wrap>
            <Select label="Applies to" options={options(PRICE_SCOPES)} value={rule.scope} onChange={set("scope")} />
            {rule.scope !== "all" ? (
              <TextField
                label={PRICE_SCOPES[rule.scope]}
                value={rule.scopeValue}
                onChange={set("scopeValue")}
                autoComplete="off"
                helpText="As it is spelled in Shopify"
              />
            ) : null}
            <Select label="Start from" options={options(PRICE_BASES)} value={rule.base} onChange={set("base")} />
            <Select label="Change" options={options(PRICE_ADJUSTMENTS)} value={rule.adjustment} onChange={set("adjustment")} />
            <TextField
              label="Amount"
              value={rule.amount}
              onChange={set("amount")}
              autoComplete="off"
              inputMode="decimal"
              suffix={rule.adjustment === "markup-percent" ? "%" : undefined}
              helpText="Negative for a discount"
            />
            <Select label="Rounding" options={options(PRICE_ROUNDINGS)} value={rule.rounding} onChange={set("rounding")} />
          </InlineStack>
          {fetcher.data?.intent === "add" && fetcher.data.errors ? (
            <Banner tone="critical" title="The rule was not added">
              <ul>
                {fetcher.data.errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            </Banner>
          ) : null}
          <InlineStack>
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Add rule
            </Button>
          </InlineStack>
        </BlockStack>
      </form>
    </Card>
  );
}

function ApplyCard({ overview }: { overview: PriceListOverview }) {
  const preview = useFetcher<PricesActionResult>();
  const recalc = useFetcher<PricesActionResult>();
  const shown = preview.data?.preview;
  const runId = recalc.data?.runId ?? overview.runningRunId;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Preview and recalculate
        </Text>
        {overview.blockedBecause ? (
          <Banner tone="warning">
            <p>{overview.blockedBecause}</p>
          </Banner>
        ) : null}
        <InlineStack gap="200">
          <Button
            disabled={overview.blockedBecause !== null}
            loading={preview.state !== "idle"}
            onClick={() => preview.submit({ intent: "preview" }, { method: "post" })}
          >
            Preview changes
          </Button>
          <Button
            variant="primary"
            disabled={overview.blockedBecause !== null || overview.runningRunId !== null}
            onClick={() => recalc.submit({ intent: "recalculate" }, { method: "post" })}
          >
            Recalculate prices
          </Button>
        </InlineStack>
        {recalc.data?.errors ? (
          <Text as="p" tone="critical">
            {recalc.data.errors.join("; ")}
          </Text>
        ) : null}
        {runId ? <Link to={`/app/runs/${runId}`}>Follow the price recalculation</Link> : null}
        {shown ? <PreviewTable preview={shown} /> : null}
      </BlockStack>
    </Card>
  );
}

function PreviewTable({ preview }: { preview: PricePreview }) {
  const total = preview.changes.length + preview.more;
  return (
    <BlockStack gap="200">
      <Text as="p" fontWeight="semibold">
        {`${total} price${total === 1 ? "" : "s"} would change; ${preview.unchanged} already right.`}
        {preview.more > 0 ? ` The first ${preview.changes.length} are listed.` : ""}
      </Text>
      {preview.problems.length > 0 ? (
        <Banner tone="warning" title={`${preview.problems.length} variant${preview.problems.length === 1 ? "" : "s"} cannot be repriced`}>
          <ul>
            {preview.problems.map((problem) => (
              <li key={problem.sku}>{`${problem.sku}: ${problem.reason}`}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {preview.changes.length > 0 ? (
        <Box borderColor="border" borderWidth="025" borderRadius="200">
          <ListTable
            resourceName={{ singular: "price change", plural: "price changes" }}
            rows={preview.changes}
            rowId={(change) => change.variantId}
            columns={[
              { title: "SKU", cell: (change) => <RowName>{change.sku}</RowName> },
              { title: "Product", cell: (change) => change.productTitle },
              { title: "Now", cell: (change) => change.from },
              { title: "New", cell: (change) => change.to },
              { title: "Because", cell: (change) => change.because },
            ]}
          />
        </Box>
      ) : null}
    </BlockStack>
  );
}
