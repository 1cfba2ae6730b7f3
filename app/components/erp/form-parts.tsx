/** What the ERP page's forms share: the Save row and the refusals said in the page's language. */
import { Button, InlineStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { MerchantText } from "../../i18n/merchant-message";
import type { ErpBookingSettings, ErpConnectionSummary } from "../../services/erp/erp-connections.server";
import type { ConnectionCheck } from "../../services/erp/erp.types";
import type { ShopSettingsInput } from "../../services/shops/shop-settings.server";
import type { LegalDataSettings } from "../../services/tax-ids/legal-sources";

export type ErpActionResult =
  | { intent: "test"; check: ConnectionCheck }
  | { intent: "save"; saved: ErpConnectionSummary; queued: number }
  | { intent: "remove"; removed: string }
  | { intent: "settings"; settings: ShopSettingsInput; queued: number }
  | { intent: "sync-customers"; customersQueued: true }
  | { intent: "booking"; booking: ErpBookingSettings }
  | { intent: "legal"; legal: LegalDataSettings }
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
