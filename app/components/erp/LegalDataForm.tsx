/**
 * One ERP's legal-data settings: where the buyer's tax ids, PEC and SDI code
 * are read from (Shopify's checkout fields, B2B companies, a note attribute or
 * metafield the merchant names), and whether a tax id that fails its check is
 * sent all the same.
 */
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Checkbox, FormLayout, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { ErpConnectionSummary } from "../../services/erp/erp-connections.server";
import { useSay } from "../../i18n/use-say";
import { useSavedToast } from "../../hooks/use-saved-toast";
import { ConnectionSettingsCard, sayErrors, type ErpActionResult } from "./form-parts";
import { formAnswer } from "../../hooks/form-answer";

export function LegalDataForm({ connection, several }: { connection: ErpConnectionSummary; several: boolean }) {
  const { t } = useTranslation();
  const say = useSay();
  const fetcher = useFetcher<ErpActionResult>();
  useSavedToast(fetcher, t("erp.legal.saved"), (data) => "legal" in data);
  const [readCheckoutFields, setReadCheckoutFields] = useState(connection.legal.readCheckoutFields);
  const [readCompanies, setReadCompanies] = useState(connection.legal.readCompanies);
  const [taxIdKey, setTaxIdKey] = useState(connection.legal.taxIdKey ?? "");
  const [sdiCodeKey, setSdiCodeKey] = useState(connection.legal.sdiCodeKey ?? "");
  const [pecKey, setPecKey] = useState(connection.legal.pecKey ?? "");
  const [sendInvalidTaxIds, setSendInvalidTaxIds] = useState(connection.legal.sendInvalidTaxIds);
  const errors = sayErrors(say, formAnswer(fetcher), "legal");
  return (
    <ConnectionSettingsCard
      fetcher={fetcher}
      intent="legal"
      connection={connection}
      several={several}
      formLabel={t("erp.legal.formLabel", { name: connection.name })}
      saveLabel={t("erp.legal.save")}
      errors={errors}
    >
      <Checkbox
        label={t("erp.legal.checkout")}
        helpText={t("erp.legal.checkoutHelp")}
        name="readCheckoutFields"
        checked={readCheckoutFields}
        onChange={setReadCheckoutFields}
      />
      <Checkbox
        label={t("erp.legal.companies")}
        helpText={t("erp.legal.companiesHelp")}
        name="readCompanies"
        checked={readCompanies}
        onChange={setReadCompanies}
      />
      <TextField
        label={t("erp.legal.taxIdKey")}
        helpText={t("erp.legal.taxIdKeyHelp")}
        name="taxIdKey"
        value={taxIdKey}
        onChange={setTaxIdKey}
        autoComplete="off"
        error={errors.taxIdKey}
      />
      <FormLayout.Group condensed>
        <TextField
          label={t("erp.legal.sdiCodeKey")}
          helpText={t("erp.legal.keyHelp")}
          name="sdiCodeKey"
          value={sdiCodeKey}
          onChange={setSdiCodeKey}
          autoComplete="off"
          error={errors.sdiCodeKey}
        />
        <TextField
          label={t("erp.legal.pecKey")}
          helpText={t("erp.legal.keyHelp")}
          name="pecKey"
          value={pecKey}
          onChange={setPecKey}
          autoComplete="off"
          error={errors.pecKey}
        />
      </FormLayout.Group>
      <Checkbox
        label={t("erp.legal.sendInvalid")}
        helpText={t("erp.legal.sendInvalidHelp")}
        name="sendInvalidTaxIds"
        checked={sendInvalidTaxIds}
        onChange={setSendInvalidTaxIds}
      />
    </ConnectionSettingsCard>
  );
}
