/** What the ERP page's forms share: the Save row and the refusals said in the page's language. */
import type { ReactNode } from "react";
import type { FetcherWithComponents } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { MerchantText } from "../../i18n/merchant-message";
import type { ErpBookingSettings, ErpConnectionSummary } from "../../services/erp/erp-connections.server";
import type { ConnectionCheck } from "../../services/erp/erp.types";
import type { ShopSettingsInput } from "../../services/shops/shop-settings.server";
import type { LegalDataSettings } from "../../services/tax-ids/legal-sources";
import { formAnswer } from "../../hooks/form-answer";

export type ErpActionResult =
  | { intent: "test"; check: ConnectionCheck }
  | { intent: "save"; saved: ErpConnectionSummary; queued: number }
  | { intent: "remove"; removed: string }
  | { intent: "settings"; settings: ShopSettingsInput; queued: number }
  | { intent: "sync-customers"; customersQueued: true }
  | { intent: "booking"; booking: ErpBookingSettings }
  | { intent: "legal"; legal: LegalDataSettings }
  | { intent: "refunds"; refunds: { refundsMode: string } }
  | { intent: string; errors: Record<string, MerchantText> };

/** A form's last row: "Saved." once the save went through, and its Save button. */
export function SaveRow({ saved, busy, label }: { saved: boolean; busy: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      {saved ? (
        <Text as="p" tone="success">
          {t("erp.savedInline")}
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

/** A form's refusals by field, in the page's language. */
export function sayErrors(say: (text: MerchantText) => string, result: ErpActionResult | undefined, intent: string): Record<string, string> {
  if (!result || !("errors" in result) || result.intent !== intent) return {};
  return Object.fromEntries(Object.entries(result.errors).map(([field, error]) => [field, say(error)]));
}

/**
 * A form that sets something of one ERP connection (how it books, where it reads tax ids from): its card, its intent
 * and connection, the ERP's name when the shop has several, a form-wide refusal, the fields, and the Save row.
 */
export function ConnectionSettingsCard({
  fetcher,
  intent,
  connection,
  several,
  formLabel,
  saveLabel,
  errors,
  children,
}: {
  fetcher: FetcherWithComponents<ErpActionResult>;
  intent: "booking" | "legal" | "refunds";
  connection: ErpConnectionSummary;
  several: boolean;
  formLabel: string;
  saveLabel: string;
  errors: Record<string, string>;
  children: ReactNode;
}) {
  const result = formAnswer(fetcher);
  return (
    <Card>
      <fetcher.Form method="post" aria-label={formLabel}>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="connectionId" value={connection.id} />
        <BlockStack gap="300">
          {several ? (
            <Text as="h2" variant="headingMd">
              {connection.name}
            </Text>
          ) : null}
          {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
          <FormLayout>{children}</FormLayout>
          <SaveRow saved={Boolean(result && intent in result)} busy={fetcher.state !== "idle"} label={saveLabel} />
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
