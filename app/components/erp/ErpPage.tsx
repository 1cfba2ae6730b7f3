import { useEffect, useState, type ReactNode } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  ChoiceList,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import type { ErpConnectionSummary } from "../../services/erp/erp-connections.server";
import { sameErpDestination } from "../../services/erp/erp-destination";
import type { ShopSettingsInput } from "../../services/shops/shop-settings.server";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import type { MerchantText } from "../../i18n/merchant-message";
import { useSay } from "../../i18n/use-say";
import { useSavedToast } from "../../hooks/use-saved-toast";
import { ConfirmModal } from "../common/ConfirmModal";
import { useLocale } from "../../i18n/use-locale";
import { shownAmount } from "../pricing/describe-rule";
import { ConnectionSettingsCard, SaveRow, sayErrors, type ErpActionResult } from "./form-parts";
import { LegalDataForm } from "./LegalDataForm";
import { RefundsForm } from "./RefundsForm";
import { formAnswer } from "../../hooks/form-answer";

/** Example addresses in the URL field: not words, the same in every language. */
const EXAMPLE_URL = { tryton: "https://erp.example.com", http: "https://erp.example.com/ponte" } as const;

export type { ErpActionResult } from "./form-parts";

type Kind = "tryton" | "http";

export function ErpPage({ connections, settings }: { connections: ErpConnectionSummary[]; settings: ShopSettingsInput }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const count = connections.length;
  useEffect(() => setAdding(false), [count]);
  return (
    <Page
      title={t("erp.title")}
      subtitle={t("erp.subtitle")}
      backAction={{ content: t("nav.dashboard"), url: "/app" }}
      // Once the main ERP is connected, the page's action is another one for some shipping countries.
      primaryAction={count > 0 ? { content: t("erp.connections.add"), disabled: adding, onAction: () => setAdding(true) } : undefined}
    >
      <Layout>
        <Layout.AnnotatedSection title={t("erp.connections.title")} description={t("erp.connections.description")}>
          <BlockStack gap="400">
            {connections.length === 0 ? <ConnectionForm connection={null} /> : null}
            {connections.map((connection) => (
              <ConnectionForm key={connection.id} connection={connection} />
            ))}
            {adding ? <ConnectionForm connection={null} added onCancel={() => setAdding(false)} /> : null}
          </BlockStack>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("erp.orders.title")} description={t("erp.orders.description")}>
          <OrdersRuleForm settings={settings} />
        </Layout.AnnotatedSection>
        {connections.length > 0 ? (
          <>
            <Layout.AnnotatedSection title={t("erp.booking.title")} description={t("erp.booking.description")}>
              <EachConnection connections={connections} Form={BookingForm} />
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title={t("erp.legal.title")} description={t("erp.legal.description")}>
              <EachConnection connections={connections} Form={LegalDataForm} />
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title={t("erp.refunds.title")} description={t("erp.refunds.description")}>
              <EachConnection connections={connections} Form={RefundsForm} />
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title={t("erp.customers.title")} description={t("erp.customers.description")}>
              <CustomerSyncCard />
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title={t("erpImport.erpCard.title")} description={t("erpImport.erpCard.body")}>
              <Card>
                <InlineStack align="end">
                  <Button url="/app/erp-import">{t("erpImport.erpCard.open")}</Button>
                </InlineStack>
              </Card>
            </Layout.AnnotatedSection>
          </>
        ) : null}
      </Layout>
    </Page>
  );
}

/** A settings form per ERP connection, each naming its ERP when the shop has several. */
function EachConnection({
  connections,
  Form,
}: {
  connections: ErpConnectionSummary[];
  Form: (props: { connection: ErpConnectionSummary; several: boolean }) => ReactNode;
}) {
  return (
    <BlockStack gap="400">
      {connections.map((connection) => (
        <Form key={connection.id} connection={connection} several={connections.length > 1} />
      ))}
    </BlockStack>
  );
}

/** One ERP's connection; `added`: a new ERP beside the main one, which takes the orders of the countries it names. */
function ConnectionForm({
  connection,
  added = false,
  onCancel,
}: {
  connection: ErpConnectionSummary | null;
  added?: boolean;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ErpActionResult>();
  const [name, setName] = useState(connection?.name ?? (added ? "" : "ERP"));
  const [countries, setCountries] = useState(connection?.countries.join(", ") ?? "");
  const [kind, setKind] = useState<Kind>(connection?.kind ?? "tryton");
  const [url, setUrl] = useState(connection?.url ?? "");
  const [database, setDatabase] = useState(connection?.database ?? "");
  const [login, setLogin] = useState(connection?.login ?? "");
  const [secret, setSecret] = useState("");
  const [removing, setRemoving] = useState(false);
  const result = formAnswer(fetcher);
  const errors: Record<string, string> =
    result && "errors" in result
      ? Object.fromEntries(Object.entries(result.errors).map(([field, error]) => [field, say(error)]))
      : result && "check" in result && !result.check.ok && result.check.field
        ? { [result.check.field]: checkError(result.check) }
        : {};
  const busy = fetcher.state !== "idle";
  const pendingIntent = busy ? String(fetcher.formData?.get("intent") ?? "") : "";
  const main = connection ? connection.main : !added;

  useEffect(() => {
    if (!result || !("saved" in result)) return;
    setSecret("");
    shopify.toast.show(t("erp.connection.savedToast", { name: result.saved.name }));
  }, [result, shopify, t]);
  // Ponte's own words in the page's language; an ERP's answer as it gave it.
  function checkError(check: { error: string; said?: MerchantText[] }) {
    return check.said ? check.said.map(say).join(" ") : check.error;
  }

  const submit = (intent: "test" | "save" | "remove") =>
    fetcher.submit(
      {
        intent,
        connectionId: connection?.id ?? "new",
        name,
        ...(main ? {} : { countries }),
        kind,
        url,
        secret,
        ...(kind === "tryton" ? { database, login } : {}),
      },
      { method: "post" },
    );
  // The saved key is kept only for the address it was saved for (the server refuses to send it elsewhere).
  const savedHint = connection && sameErpDestination(connection, { kind, url, database, login }) ? connection.secretHint : null;
  const secretLabel = kind === "tryton" ? t("erp.connection.password") : t("erp.connection.apiKey");
  const title = connection ? connection.name : added ? t("erp.connection.another") : "ERP";

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          {connection ? (
            <Badge tone={main ? "info" : undefined}>
              {main ? t("erp.connection.main") : t("erp.connection.ordersTo", { countries: connection.countries.join(", ") })}
            </Badge>
          ) : null}
        </InlineStack>
        {result && "check" in result && !(!result.check.ok && result.check.field) ? (
          result.check.ok ? (
            <Banner tone="success" title={t("erp.connection.connected")}>
              <p>{result.check.detail}</p>
            </Banner>
          ) : (
            <Banner tone="critical" title={t("erp.connection.couldNotConnect")}>
              <p>{checkError(result.check)}</p>
            </Banner>
          )
        ) : null}
        {result && "saved" in result ? (
          <Banner tone="success" title={t("erp.connection.saved")}>
            <p>{result.queued > 0 ? t("erp.connection.queued", { count: result.queued }) : t("erp.connection.newOrders")}</p>
          </Banner>
        ) : null}
        {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
        <form
          aria-label={t("erp.connection.formLabel", { name: title })}
          onSubmit={(event) => {
            event.preventDefault();
            submit("save");
          }}
        >
          <FormLayout>
            <FormLayout.Group>
              <TextField
                label={t("erp.connection.name")}
                value={name}
                onChange={setName}
                autoComplete="off"
                error={errors.name}
                placeholder={added ? t("erp.connection.namePlaceholder") : undefined}
              />
              {main ? null : (
                <TextField
                  label={t("erp.connection.countries")}
                  value={countries}
                  onChange={setCountries}
                  autoComplete="off"
                  helpText={t("erp.connection.countriesHelp")}
                  error={errors.countries}
                />
              )}
            </FormLayout.Group>
            <Select
              label="ERP"
              options={[
                { label: "Tryton", value: "tryton" },
                { label: t("erp.connection.httpKind"), value: "http" },
              ]}
              value={kind}
              onChange={(value) => setKind(value as Kind)}
            />
            <TextField
              label={kind === "tryton" ? t("erp.connection.trytonUrl") : t("erp.connection.serviceUrl")}
              type="url"
              value={url}
              onChange={setUrl}
              autoComplete="off"
              placeholder={kind === "tryton" ? EXAMPLE_URL.tryton : EXAMPLE_URL.http}
              error={errors.url}
            />
            {kind === "tryton" ? (
              <FormLayout.Group>
                <TextField label={t("erp.connection.database")} value={database} onChange={setDatabase} autoComplete="off" error={errors.database} />
                <TextField label={t("erp.connection.login")} value={login} onChange={setLogin} autoComplete="off" error={errors.login} />
              </FormLayout.Group>
            ) : null}
            <TextField
              label={secretLabel}
              type="password"
              value={secret}
              onChange={setSecret}
              autoComplete="new-password"
              helpText={savedHint ? t("erp.connection.savedHint", { hint: savedHint }) : undefined}
              error={errors.secret}
            />
            <Box>
              <InlineStack gap="200" align="end">
                {connection && !main ? (
                  <Button tone="critical" variant="plain" onClick={() => setRemoving(true)} loading={pendingIntent === "remove"} disabled={busy}>
                    {t("erp.connection.remove", { name: connection.name })}
                  </Button>
                ) : null}
                {onCancel ? (
                  <Button onClick={onCancel} disabled={busy}>
                    {t("erp.cancel")}
                  </Button>
                ) : null}
                <Button onClick={() => submit("test")} loading={pendingIntent === "test"} disabled={busy}>
                  {t("erp.connection.test")}
                </Button>
                <Button variant="primary" submit loading={pendingIntent === "save"} disabled={busy}>
                  {t("erp.save")}
                </Button>
              </InlineStack>
            </Box>
          </FormLayout>
        </form>
      </BlockStack>
      {connection && !main ? (
        <ConfirmModal
          open={removing}
          onClose={() => setRemoving(false)}
          title={t("erp.remove.title", { name: connection.name })}
          body={t("erp.remove.body", { countries: connection.countries.join(", ") })}
          confirm={t("erp.remove.confirm")}
          destructive
          onConfirm={() => submit("remove")}
        />
      ) : null}
    </Card>
  );
}

/** How one ERP books orders without a customer and lines without a product. */
function BookingForm({ connection, several }: { connection: ErpConnectionSummary; several: boolean }) {
  const { t } = useTranslation();
  const say = useSay();
  const fetcher = useFetcher<ErpActionResult>();
  useSavedToast(fetcher, t("erp.booking.saved"), (data) => "booking" in data);
  const [anonymousCustomerId, setAnonymousCustomerId] = useState(connection.booking.anonymousCustomerId ?? "");
  const [customLineSku, setCustomLineSku] = useState(connection.booking.customLineSku);
  const [giftCardSku, setGiftCardSku] = useState(connection.booking.giftCardSku);
  const [tipSku, setTipSku] = useState(connection.booking.tipSku);
  const errors = sayErrors(say, formAnswer(fetcher), "booking");
  return (
    <ConnectionSettingsCard
      fetcher={fetcher}
      intent="booking"
      connection={connection}
      several={several}
      formLabel={t("erp.booking.formLabel", { name: connection.name })}
      saveLabel={t("erp.booking.save")}
      errors={errors}
    >
      <TextField
        label={t("erp.booking.customer")}
        name="anonymousCustomerId"
        value={anonymousCustomerId}
        onChange={setAnonymousCustomerId}
        autoComplete="off"
        error={errors.anonymousCustomerId}
        helpText={connection.booking.anonymousCustomerId ? t("erp.booking.customerHelp") : t("erp.booking.customerEmptyHelp")}
      />
      <FormLayout.Group condensed>
        <TextField
          label={t("erp.booking.customLines")}
          name="customLineSku"
          value={customLineSku}
          onChange={setCustomLineSku}
          autoComplete="off"
          error={errors.customLineSku}
        />
        <TextField
          label={t("erp.booking.giftCards")}
          name="giftCardSku"
          value={giftCardSku}
          onChange={setGiftCardSku}
          autoComplete="off"
          error={errors.giftCardSku}
        />
        <TextField label={t("erp.booking.tips")} name="tipSku" value={tipSku} onChange={setTipSku} autoComplete="off" error={errors.tipSku} />
      </FormLayout.Group>
    </ConnectionSettingsCard>
  );
}

function OrdersRuleForm({ settings }: { settings: ShopSettingsInput }) {
  const { t } = useTranslation();
  const say = useSay();
  const fetcher = useFetcher<ErpActionResult>();
  useSavedToast(fetcher, t("erp.orders.saved"), (data) => "settings" in data);
  const [ordersToErp, setOrdersToErp] = useState<ShopSettingsInput["ordersToErp"]>(settings.ordersToErp);
  // Shown with the merchant's decimal separator ("0,05" in Italian); read back either way.
  const locale = useLocale();
  const localized = (value: string) => shownAmount(value, locale);
  const [tolerance, setTolerance] = useState(localized(settings.totalsTolerance));
  const result = formAnswer(fetcher);
  const errors = sayErrors(say, result, "settings");
  // Saved as Ponte reads it ("0,05" becomes 0.05).
  useEffect(() => {
    if (result && "settings" in result) setTolerance(localized(result.settings.totalsTolerance));
  }, [result]);
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="settings" />
        <input type="hidden" name="ordersToErp" value={ordersToErp} />
        <BlockStack gap="300">
          <ChoiceList
            title={t("erp.orders.send")}
            choices={[
              { label: t("erp.orders.paid"), value: "paid", helpText: t("erp.orders.paidHelp") },
              { label: t("erp.orders.all"), value: "all", helpText: t("erp.orders.allHelp") },
            ]}
            selected={[ordersToErp]}
            onChange={([value]) => setOrdersToErp(value as ShopSettingsInput["ordersToErp"])}
          />
          <TextField
            label={t("erp.orders.tolerance")}
            name="totalsTolerance"
            value={tolerance}
            onChange={setTolerance}
            autoComplete="off"
            inputMode="decimal"
            error={errors.totalsTolerance}
            helpText={t("erp.orders.toleranceHelp")}
          />
          <SaveRow saved={Boolean(result && "settings" in result)} busy={fetcher.state !== "idle"} label={t("erp.orders.save")} />
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function CustomerSyncCard() {
  const { t } = useTranslation();
  const fetcher = useFetcher<ErpActionResult>();
  const started = fetcher.data && "customersQueued" in fetcher.data;
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="sync-customers" />
        <BlockStack gap="300">
          <Text as="p">{t("erp.customers.body")}</Text>
          {started ? (
            <Text as="p" tone="success">
              {t("erp.customers.started")}
            </Text>
          ) : null}
          <InlineStack align="end">
            <Button submit loading={fetcher.state !== "idle"}>
              {t("erp.customers.sync")}
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
