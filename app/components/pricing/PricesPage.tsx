import { useEffect, useState } from "react";
import { Link, useFetcher, type FetcherWithComponents } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { useSavedToast } from "../../hooks/use-saved-toast";
import type { TFunction } from "i18next";
import { ListTable, RowName } from "../common/ListTable";
import { ConfirmModal } from "../common/ConfirmModal";
import type { PriceListOverview, PricePreview } from "../../services/pricing/price-list-page.server";
import { PRICE_ADJUSTMENTS, PRICE_BASES, PRICE_ROUNDINGS, PRICE_SCOPES, type PriceRuleInput } from "../../services/pricing/price-rules";
import type { MerchantText } from "../../i18n/merchant-message";
import { useSay } from "../../i18n/use-say";
import { decimalSeparator, describe, shownAmount } from "./describe-rule";
import { useLocale, useShopClock, useShopFormatter } from "../../i18n/use-locale";
import { formAnswer } from "../../hooks/form-answer";

export type PricesActionResult = { intent: string; errors?: MerchantText[]; preview?: PricePreview; runId?: string };

type Rule = PriceListOverview["rules"][number];

const optionsOf = (t: TFunction, group: string, record: Record<string, string>) =>
  Object.keys(record).map((value) => ({ value, label: t(`prices.${group}.${value}`) }));

/** The price list: rules in the order they apply, a form to add one, the preview, and the recalculation. */
export function PricesPage({ overview }: { overview: PriceListOverview }) {
  const { t } = useTranslation();
  // The page's main action, asked first: every linked product's price worked out again and written to Shopify.
  const recalc = useFetcher<PricesActionResult>();
  const [confirming, setConfirming] = useState(false);
  return (
    <Page
      title={t("prices.title")}
      subtitle={t("prices.subtitle")}
      backAction={{ content: t("nav.catalog"), url: "/app/catalog" }}
      primaryAction={{
        content: t("prices.apply.recalculate"),
        disabled: overview.blockedBecause !== null || overview.runningRunId !== null,
        loading: recalc.state !== "idle",
        onAction: () => setConfirming(true),
      }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <RulesCard rules={overview.rules} />
            <AddRuleCard />
            <ApplyCard overview={overview} recalc={recalc} />
          </BlockStack>
        </Layout.Section>
      </Layout>
      <ConfirmModal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("prices.confirmRecalculate.title")}
        body={t("prices.confirmRecalculate.body")}
        confirm={t("prices.confirmRecalculate.confirm")}
        onConfirm={() => recalc.submit({ intent: "recalculate" }, { method: "post" })}
      />
    </Page>
  );
}

function RulesCard({ rules }: { rules: Rule[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fetcher = useFetcher<PricesActionResult>();
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const act = (data: Record<string, string>) => fetcher.submit(data, { method: "post" });
  useSavedToast(fetcher, (data) => {
    const said = { move: "prices.toast.moved", toggle: "prices.toast.switched", delete: "prices.toast.deleted" }[data.intent];
    return said ? t(said) : null;
  });
  // A rule that can never apply: an earlier rule that is on covers every product.
  const everyAt = rules.findIndex((rule) => rule.enabled && rule.scope === "all");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("prices.rules.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("prices.rules.help")}
        </Text>
        {rules.length === 0 ? (
          <Text as="p">{t("prices.rules.none")}</Text>
        ) : (
          <ol aria-label={t("prices.rules.label")} style={{ margin: 0, paddingLeft: "1.5rem" }}>
            {rules.map((rule, index) => {
              const description = describe(t, locale, rule);
              const shadowed = everyAt !== -1 && index > everyAt && rule.enabled;
              return (
                <li key={rule.id} style={{ padding: "0.5rem 0" }}>
                  <BlockStack gap="100">
                    <InlineStack gap="200" align="space-between" blockAlign="center">
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="span" tone={rule.enabled ? undefined : "subdued"}>
                          {description}
                        </Text>
                        {rule.enabled ? <Badge tone="success">{t("prices.rules.on")}</Badge> : <Badge>{t("prices.rules.off")}</Badge>}
                      </InlineStack>
                      <InlineStack gap="100">
                        <Button
                          size="slim"
                          disabled={index === 0}
                          accessibilityLabel={t("prices.rules.moveUpNamed", { rule: description })}
                          onClick={() => act({ intent: "move", id: rule.id, direction: "up" })}
                        >
                          {t("prices.rules.moveUp")}
                        </Button>
                        <Button
                          size="slim"
                          disabled={index === rules.length - 1}
                          accessibilityLabel={t("prices.rules.moveDownNamed", { rule: description })}
                          onClick={() => act({ intent: "move", id: rule.id, direction: "down" })}
                        >
                          {t("prices.rules.moveDown")}
                        </Button>
                        <Button
                          size="slim"
                          accessibilityLabel={t(rule.enabled ? "prices.rules.switchOffNamed" : "prices.rules.switchOnNamed", { rule: description })}
                          onClick={() => act({ intent: "toggle", id: rule.id, enabled: String(!rule.enabled) })}
                        >
                          {rule.enabled ? t("prices.rules.switchOff") : t("prices.rules.switchOn")}
                        </Button>
                        <Button
                          size="slim"
                          tone="critical"
                          accessibilityLabel={t("prices.rules.deleteNamed", { rule: description })}
                          onClick={() => setDeleting(rule)}
                        >
                          {t("prices.rules.delete")}
                        </Button>
                      </InlineStack>
                    </InlineStack>
                    {shadowed ? (
                      <Text as="p" tone="caution">
                        {t("prices.rules.shadowed")}
                      </Text>
                    ) : null}
                  </BlockStack>
                </li>
              );
            })}
          </ol>
        )}
      </BlockStack>
      <ConfirmModal
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("prices.confirmDelete.title")}
        body={deleting ? t("prices.confirmDelete.body", { rule: describe(t, locale, deleting) }) : ""}
        confirm={t("prices.confirmDelete.confirm")}
        destructive
        onConfirm={() => deleting && act({ intent: "delete", id: deleting.id })}
      />
    </Card>
  );
}

const EMPTY_RULE: PriceRuleInput = { scope: "all", scopeValue: "", base: "list", adjustment: "markup-percent", amount: "", rounding: "none" };

function AddRuleCard() {
  const { t } = useTranslation();
  const say = useSay();
  const locale = useLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<PricesActionResult>();
  const answer = formAnswer(fetcher);
  const [rule, setRule] = useState<PriceRuleInput>(EMPTY_RULE);
  const set =
    <K extends keyof PriceRuleInput>(key: K) =>
    (value: string) =>
      setRule((current) => ({ ...current, [key]: value }));
  // A rule added clears the form for the next one; a refused one keeps what was typed.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.intent === "add" && !fetcher.data.errors) {
      setRule(EMPTY_RULE);
      shopify.toast.show(t("prices.toast.added"));
    }
  }, [fetcher.state, fetcher.data, shopify, t]);
  const example = `25${decimalSeparator(locale)}5`;
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
            {t("prices.add.title")}
          </Text>
          <InlineStack gap="300" blockAlign="end" wrap>
            <Select label={t("prices.add.appliesTo")} options={optionsOf(t, "scope", PRICE_SCOPES)} value={rule.scope} onChange={set("scope")} />
            {rule.scope !== "all" ? (
              <TextField
                label={t(`prices.scope.${rule.scope}`)}
                value={rule.scopeValue}
                onChange={set("scopeValue")}
                autoComplete="off"
                helpText={t("prices.add.asInShopify")}
              />
            ) : null}
            <Select label={t("prices.add.startFrom")} options={optionsOf(t, "base", PRICE_BASES)} value={rule.base} onChange={set("base")} />
            <Select
              label={t("prices.add.change")}
              options={optionsOf(t, "adjustment", PRICE_ADJUSTMENTS)}
              value={rule.adjustment}
              onChange={set("adjustment")}
            />
            <TextField
              label={t("prices.add.amount")}
              value={rule.amount}
              onChange={set("amount")}
              autoComplete="off"
              inputMode="decimal"
              suffix={rule.adjustment === "markup-percent" ? "%" : undefined}
              helpText={t("prices.add.amountHelp", { example })}
            />
            <Select
              label={t("prices.add.rounding")}
              options={optionsOf(t, "rounding", PRICE_ROUNDINGS)}
              value={rule.rounding}
              onChange={set("rounding")}
            />
          </InlineStack>
          {answer?.intent === "add" && answer.errors ? (
            <Banner tone="critical" title={t("prices.add.notAdded")}>
              <ul>
                {answer.errors.map((error) => (
                  <li key={say(error)}>{say(error)}</li>
                ))}
              </ul>
            </Banner>
          ) : null}
          <InlineStack>
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              {t("prices.add.submit")}
            </Button>
          </InlineStack>
        </BlockStack>
      </form>
    </Card>
  );
}

/** The preview of what the rules would change, and the recalculation's outcome (started from the page's primary action). */
function ApplyCard({ overview, recalc }: { overview: PriceListOverview; recalc: FetcherWithComponents<PricesActionResult> }) {
  const { t } = useTranslation();
  const say = useSay();
  const preview = useFetcher<PricesActionResult>();
  const [previewedAt, setPreviewedAt] = useState<string | null>(null);
  const runId = recalc.data?.runId ?? overview.runningRunId;
  // A preview shows what would change before the recalculation; once prices were recalculated (or the rules changed) it is gone.
  const rulesKey = JSON.stringify(overview.rules.map((rule) => [rule.id, rule.enabled, rule.position]));
  useEffect(() => {
    if (preview.state === "idle" && preview.data?.preview) setPreviewedAt(rulesKey);
  }, [preview.state, preview.data]); // rulesKey as it was when the preview came back
  const shown = preview.data?.preview && previewedAt === rulesKey && !recalc.data?.runId ? preview.data.preview : null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("prices.apply.title")}
        </Text>
        {overview.blockedBecause ? (
          <Banner tone="warning">
            <p>{t("prices.apply.blocked")}</p>
          </Banner>
        ) : null}
        <InlineStack gap="200">
          <Button
            disabled={overview.blockedBecause !== null}
            loading={preview.state !== "idle"}
            onClick={() => preview.submit({ intent: "preview" }, { method: "post" })}
          >
            {t("prices.apply.preview")}
          </Button>
        </InlineStack>
        {recalc.data?.errors ? (
          <Text as="p" tone="critical">
            {recalc.data.errors.map(say).join("; ")}
          </Text>
        ) : null}
        {runId ? <Link to={`/app/runs/${runId}`}>{t("prices.apply.follow")}</Link> : null}
        {shown ? <PreviewTable preview={shown} rules={overview.rules} /> : null}
      </BlockStack>
    </Card>
  );
}

function PreviewTable({ preview, rules }: { preview: PricePreview; rules: Rule[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = useShopFormatter();
  const { currency } = useShopClock();
  const price = (value: string) => (currency ? format.money(value, currency) : shownAmount(value, locale));
  const total = preview.changes.length + preview.more;
  const because = (ruleId: string | null) => {
    const rule = rules.find((one) => one.id === ruleId);
    return rule ? describe(t, locale, rule) : t("prices.preview.sourcePrice");
  };
  return (
    <BlockStack gap="200">
      <Text as="p" fontWeight="semibold">
        {t("prices.preview.summary", { count: total, unchanged: preview.unchanged })}
        {preview.more > 0 ? ` ${t("prices.preview.firstListed", { shown: preview.changes.length })}` : ""}
      </Text>
      {preview.problems.length > 0 ? (
        <Banner tone="warning" title={t("prices.preview.problems", { count: preview.problems.length })}>
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
            resourceName={{ singular: t("prices.preview.singular"), plural: t("prices.preview.plural") }}
            rows={preview.changes}
            rowId={(change) => change.variantId}
            columns={[
              { title: t("prices.preview.sku"), cell: (change) => <RowName>{change.sku}</RowName> },
              { title: t("prices.preview.product"), cell: (change) => change.productTitle },
              { title: t("prices.preview.now"), cell: (change) => price(change.from) },
              { title: t("prices.preview.new"), cell: (change) => price(change.to) },
              {
                title: t("prices.preview.because"),
                cell: (change) => (
                  <div style={{ whiteSpace: "normal", minWidth: "12rem" }}>
                    <Text as="span" breakWord>
                      {because(change.ruleId)}
                    </Text>
                  </div>
                ),
              },
            ]}
          />
        </Box>
      ) : null}
    </BlockStack>
  );
}
