/**
 * One ERP's refunds setting: what a refund made in Shopify after the order went to the ERP does there (nothing, kept
 * and shown on the Orders page, or a credit note).
 */
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Select } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { ErpConnectionSummary } from "../../services/erp/erp-connections.server";
import { useSay } from "../../i18n/use-say";
import { useSavedToast } from "../../hooks/use-saved-toast";
import { ConnectionSettingsCard, sayErrors, type ErpActionResult } from "./form-parts";
import { formAnswer } from "../../hooks/form-answer";

export function RefundsForm({ connection, several }: { connection: ErpConnectionSummary; several: boolean }) {
  const { t } = useTranslation();
  const say = useSay();
  const fetcher = useFetcher<ErpActionResult>();
  useSavedToast(fetcher, t("erp.refunds.saved"), (data) => "refunds" in data);
  const [mode, setMode] = useState<string>(connection.refundsMode);
  const errors = sayErrors(say, formAnswer(fetcher), "refunds");
  return (
    <ConnectionSettingsCard
      fetcher={fetcher}
      intent="refunds"
      connection={connection}
      several={several}
      formLabel={t("erp.refunds.formLabel", { name: connection.name })}
      saveLabel={t("erp.refunds.save")}
      errors={errors}
    >
      <Select
        label={t("erp.refunds.mode")}
        name="refundsMode"
        value={mode}
        onChange={setMode}
        options={[
          { value: "book", label: t("erp.refunds.modes.book") },
          { value: "record", label: t("erp.refunds.modes.record") },
          { value: "off", label: t("erp.refunds.modes.off") },
        ]}
        helpText={t(`erp.refunds.help.${mode === "book" || mode === "off" ? mode : "record"}`)}
        error={errors.refundsMode}
      />
    </ConnectionSettingsCard>
  );
}
