import { useEffect, useState } from "react";
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
import type { ErpBookingSettings, ErpConnectionSummary } from "../../services/erp/erp-connections.server";
import { sameErpDestination } from "../../services/erp/erp-destination";
import type { ConnectionCheck } from "../../services/erp/erp.types";
import type { ShopSettingsInput } from "../../services/shops/shop-settings.server";

export type ErpActionResult =
  | { intent: "test"; check: ConnectionCheck }
  | { intent: "save"; saved: ErpConnectionSummary; queued: number }
  | { intent: "remove"; removed: string }
  | { intent: "settings"; settings: ShopSettingsInput; queued: number }
  | { intent: "sync-customers"; customersQueued: true }
  | { intent: "booking"; booking: ErpBookingSettings }
  | { intent: string; errors: Record<string, string> };

type Kind = "tryton" | "http";

export function ErpPage({ connections, settings }: { connections: ErpConnectionSummary[]; settings: ShopSettingsInput }) {
  const [adding, setAdding] = useState(false);
  const count = connections.length;
  useEffect(() => setAdding(false), [count]);
  return (
    <Page title="ERP" subtitle="Where Shopify orders become sales orders" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.AnnotatedSection
          title="Connections"
          description="Ponte signs in to each ERP with these details; a password or key is encrypted and never shown again. The main ERP takes every order that no other ERP takes by its shipping country, and gives the catalog its products and stock when they come from the ERP."
        >
          <BlockStack gap="400">
            {connections.length === 0 ? <ConnectionForm connection={null} /> : null}
            {connections.map((connection) => (
              <ConnectionForm key={connection.id} connection={connection} />
            ))}
            {adding ? <ConnectionForm connection={null} added onCancel={() => setAdding(false)} /> : null}
            {connections.length > 0 && !adding ? (
              <InlineStack>
                <Button onClick={() => setAdding(true)}>Add another ERP</Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Orders"
          description="Which Shopify orders become ERP sales orders, and how far an ERP sale's total may be from Shopify's before the order is flagged."
        >
          <OrdersRuleForm settings={settings} />
        </Layout.AnnotatedSection>
        {connections.length > 0 ? (
          <Layout.AnnotatedSection
            title="Orders without a customer or a product"
            description="Draft, POS and app orders often have no customer, name or email: they go to one ERP customer. Custom lines, gift cards and tips have no product: each kind goes to one service article, described by the line's own title. Articles are made on first need."
          >
            <BlockStack gap="400">
              {connections.map((connection) => (
                <BookingForm key={connection.id} connection={connection} several={connections.length > 1} />
              ))}
            </BlockStack>
          </Layout.AnnotatedSection>
        ) : null}
        {connections.length > 0 ? (
          <Layout.AnnotatedSection
            title="Customers"
            description="Customers an ERP already has get their name, email and address from Shopify every hour. New customers reach an ERP with their first order."
          >
            <CustomerSyncCard />
          </Layout.AnnotatedSection>
        ) : null}
      </Layout>
    </Page>
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
  const fetcher = useFetcher<ErpActionResult>();
  const [name, setName] = useState(connection?.name ?? (added ? "" : "ERP"));
  const [countries, setCountries] = useState(connection?.countries.join(", ") ?? "");
  const [kind, setKind] = useState<Kind>(connection?.kind ?? "tryton");
  const [url, setUrl] = useState(connection?.url ?? "");
  const [database, setDatabase] = useState(connection?.database ?? "");
  const [login, setLogin] = useState(connection?.login ?? "");
  const [secret, setSecret] = useState("");
  const result = fetcher.data;
  const errors: Record<string, string> =
    result && "errors" in result
      ? result.errors
      : result && "check" in result && !result.check.ok && result.check.field
        ? { [result.check.field]: result.check.error }
        : {};
  const busy = fetcher.state !== "idle";
  const pendingIntent = busy ? String(fetcher.formData?.get("intent") ?? "") : "";
  const main = connection ? connection.main : !added;

  useEffect(() => {
    if (result && "saved" in result) setSecret("");
  }, [result]);

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
  const secretLabel = kind === "tryton" ? "Password" : "API key";
  const title = connection ? connection.name : added ? "Another ERP" : "ERP";

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          {connection ? <Badge tone={main ? "info" : undefined}>{main ? "Main ERP" : `Orders to ${connection.countries.join(", ")}`}</Badge> : null}
        </InlineStack>
        {result && "check" in result && !(!result.check.ok && result.check.field) ? (
          result.check.ok ? (
            <Banner tone="success" title="Connected">
              <p>{result.check.detail}</p>
            </Banner>
          ) : (
            <Banner tone="critical" title="Ponte could not connect">
              <p>{result.check.error}</p>
            </Banner>
          )
        ) : null}
        {result && "saved" in result ? (
          <Banner tone="success" title="Connection saved">
            <p>
              {result.queued > 0
                ? `${result.queued} held order${result.queued === 1 ? "" : "s"} now going to the ERP.`
                : "New orders will go to this ERP."}
            </p>
          </Banner>
        ) : null}
        {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
        <form
          aria-label={`${title} connection`}
          onSubmit={(event) => {
            event.preventDefault();
            submit("save");
          }}
        >
          <FormLayout>
            <FormLayout.Group>
              <TextField
                label="Name"
                value={name}
                onChange={setName}
                autoComplete="off"
                error={errors.name}
                placeholder={added ? "Poland" : undefined}
              />
              {main ? null : (
                <TextField
                  label="Shipping countries"
                  value={countries}
                  onChange={setCountries}
                  autoComplete="off"
                  helpText="Two-letter codes, like PL, CZ: orders shipping there go to this ERP."
                  error={errors.countries}
                />
              )}
            </FormLayout.Group>
            <Select
              label="ERP"
              options={[
                { label: "Tryton", value: "tryton" },
                { label: "Another ERP, through Ponte's HTTP contract", value: "http" },
              ]}
              value={kind}
              onChange={(value) => setKind(value as Kind)}
            />
            <TextField
              label={kind === "tryton" ? "Tryton URL" : "ERP service URL"}
              type="url"
              value={url}
              onChange={setUrl}
              autoComplete="off"
              placeholder={kind === "tryton" ? "https://erp.example.com" : "https://erp.example.com/ponte"}
              error={errors.url}
            />
            {kind === "tryton" ? (
              <FormLayout.Group>
                <TextField label="Database" value={database} onChange={setDatabase} autoComplete="off" error={errors.database} />
                <TextField label="User login" value={login} onChange={setLogin} autoComplete="off" error={errors.login} />
              </FormLayout.Group>
            ) : null}
            <TextField
              label={secretLabel}
              type="password"
              value={secret}
              onChange={setSecret}
              autoComplete="new-password"
              helpText={savedHint ? `Saved: ${savedHint}. Leave empty to keep it.` : undefined}
              error={errors.secret}
            />
            <Box>
              <InlineStack gap="200" align="end">
                {connection && !main ? (
                  <Button tone="critical" variant="plain" onClick={() => submit("remove")} loading={pendingIntent === "remove"} disabled={busy}>
                    {`Remove ${connection.name}`}
                  </Button>
                ) : null}
                {onCancel ? (
                  <Button onClick={onCancel} disabled={busy}>
                    Cancel
                  </Button>
                ) : null}
                <Button onClick={() => submit("test")} loading={pendingIntent === "test"} disabled={busy}>
                  Test connection
                </Button>
                <Button variant="primary" submit loading={pendingIntent === "save"} disabled={busy}>
                  Save
                </Button>
              </InlineStack>
            </Box>
          </FormLayout>
        </form>
      </BlockStack>
    </Card>
  );
}

/** How one ERP books orders without a customer and lines without a product. */
function BookingForm({ connection, several }: { connection: ErpConnectionSummary; several: boolean }) {
  const fetcher = useFetcher<ErpActionResult>();
  const [anonymousCustomerId, setAnonymousCustomerId] = useState(connection.booking.anonymousCustomerId ?? "");
  const [customLineSku, setCustomLineSku] = useState(connection.booking.customLineSku);
  const [giftCardSku, setGiftCardSku] = useState(connection.booking.giftCardSku);
  const [tipSku, setTipSku] = useState(connection.booking.tipSku);
  const result = fetcher.data;
  const errors = result && "errors" in result && result.intent === "booking" ? result.errors : {};
  return (
    <Card>
      <fetcher.Form method="post" aria-label={`How ${connection.name} books orders without a customer or a product`}>
        <input type="hidden" name="intent" value="booking" />
        <input type="hidden" name="connectionId" value={connection.id} />
        <BlockStack gap="300">
          {several ? (
            <Text as="h2" variant="headingMd">
              {connection.name}
            </Text>
          ) : null}
          {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
          <FormLayout>
            <TextField
              label="ERP customer for orders without a customer"
              name="anonymousCustomerId"
              value={anonymousCustomerId}
              onChange={setAnonymousCustomerId}
              autoComplete="off"
              error={errors.anonymousCustomerId}
              helpText={
                connection.booking.anonymousCustomerId
                  ? "The id of the customer in the ERP."
                  : "Leave it empty and Ponte makes one in the ERP the first time it needs it."
              }
            />
            <FormLayout.Group condensed>
              <TextField
                label="Article for custom lines (SKU)"
                name="customLineSku"
                value={customLineSku}
                onChange={setCustomLineSku}
                autoComplete="off"
                error={errors.customLineSku}
              />
              <TextField
                label="Article for gift cards (SKU)"
                name="giftCardSku"
                value={giftCardSku}
                onChange={setGiftCardSku}
                autoComplete="off"
                error={errors.giftCardSku}
              />
              <TextField label="Article for tips (SKU)" name="tipSku" value={tipSku} onChange={setTipSku} autoComplete="off" error={errors.tipSku} />
            </FormLayout.Group>
          </FormLayout>
          <SaveRow saved={Boolean(result && "booking" in result)} busy={fetcher.state !== "idle"} label="Save articles and customer" />
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function OrdersRuleForm({ settings }: { settings: ShopSettingsInput }) {
  const fetcher = useFetcher<ErpActionResult>();
  const [ordersToErp, setOrdersToErp] = useState<ShopSettingsInput["ordersToErp"]>(settings.ordersToErp);
  const [tolerance, setTolerance] = useState(settings.totalsTolerance);
  const result = fetcher.data;
  const errors = result && "errors" in result && result.intent === "settings" ? result.errors : {};
  // Saved as Ponte reads it ("0,05" becomes 0.05).
  useEffect(() => {
    if (result && "settings" in result) setTolerance(result.settings.totalsTolerance);
  }, [result]);
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="settings" />
        <input type="hidden" name="ordersToErp" value={ordersToErp} />
        <BlockStack gap="300">
          <ChoiceList
            title="Send to the ERP"
            choices={[
              { label: "Paid orders only", value: "paid", helpText: "An unpaid order follows once it is paid." },
              { label: "All orders", value: "all", helpText: "Every order as soon as it is placed." },
            ]}
            selected={[ordersToErp]}
            onChange={([value]) => setOrdersToErp(value as ShopSettingsInput["ordersToErp"])}
          />
          <TextField
            label="Difference allowed between the ERP's total and Shopify's"
            name="totalsTolerance"
            value={tolerance}
            onChange={setTolerance}
            autoComplete="off"
            inputMode="decimal"
            error={errors.totalsTolerance}
            helpText="After every sale, Ponte reads its total and tax back from the ERP. A larger difference flags the order on the Orders page. 0.00: not a cent."
          />
          <SaveRow saved={Boolean(result && "settings" in result)} busy={fetcher.state !== "idle"} label="Save rule" />
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function CustomerSyncCard() {
  const fetcher = useFetcher<ErpActionResult>();
  const started = fetcher.data && "customersQueued" in fetcher.data;
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="sync-customers" />
        <BlockStack gap="300">
          <Text as="p">Update every linked customer now, not only those changed since the last run.</Text>
          {started ? (
            <Text as="p" tone="success">
              Customer sync started. It runs in the background; you can leave this page.
            </Text>
          ) : null}
          <InlineStack align="end">
            <Button submit loading={fetcher.state !== "idle"}>
              Sync customers now
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

/** A form's last row: "Saved." once the save went through, and its Save button. */
function SaveRow({ saved, busy, label }: { saved: boolean; busy: boolean; label: string }) {
  return (
    <>
      {saved ? (
        <Text as="p" tone="success">
          Saved.
        </Text>
      ) : null}
      <InlineStack align="end">
        <Button submit loading={busy}>
          {label}
        </Button>
      </InlineStack>
    </>
  );
}
