/**
 * The Catalog page's Icecat card: the account (user, token kept sealed and never shown back, language), what
 * "Update Icecat sheets" writes, and the button that starts it; its run's page follows it.
 */
import { useState } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { ICECAT_LANGUAGES, type IcecatSettingsView } from "../../services/icecat/icecat-settings";
import { useSavedToast } from "../../hooks/use-saved-toast";
import { useSay } from "../../i18n/use-say";
import type { CatalogActionResult } from "./CatalogPage";
import { formAnswer } from "../../hooks/form-answer";

/** What the update may write, each a switch of the form. */
const WRITES = ["writeDescription", "writeSpecs", "writeImages"] as const;

export function IcecatCard({ icecat }: { icecat: IcecatSettingsView }) {
  const { t } = useTranslation();
  const say = useSay();
  const save = useFetcher<CatalogActionResult>();
  const saveAnswer = formAnswer(save);
  const update = useFetcher<CatalogActionResult>();
  const [form, setForm] = useState({
    userName: icecat.userName,
    token: "",
    language: icecat.language,
    translations: icecat.translations,
    writeDescription: icecat.writeDescription,
    writeSpecs: icecat.writeSpecs,
    writeImages: icecat.writeImages,
  });
  const change = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));
  useSavedToast(save, (data) => (data.intent === "icecat-settings" && !data.errors ? t("catalog.icecat.saved") : null));
  return (
    <Card>
      <BlockStack gap="300">
        <save.Form method="post" onSubmit={() => change({ token: "" })}>
          <input type="hidden" name="intent" value="icecat-settings" />
          <FormLayout>
            {saveAnswer?.errors ? (
              <Banner tone="critical">
                <p>{saveAnswer.errors.map(say).join(" ")}</p>
              </Banner>
            ) : null}
            <TextField
              label={t("catalog.icecat.userName")}
              helpText={t("catalog.icecat.userNameHelp")}
              name="userName"
              value={form.userName}
              onChange={(userName) => change({ userName })}
              autoComplete="off"
            />
            <TextField
              label={t("catalog.icecat.token")}
              helpText={icecat.hasToken ? t("catalog.icecat.tokenKept") : t("catalog.icecat.tokenHelp")}
              name="token"
              type="password"
              value={form.token}
              onChange={(token) => change({ token })}
              autoComplete="off"
            />
            <Select
              label={t("catalog.icecat.language")}
              name="language"
              options={ICECAT_LANGUAGES.map((code) => ({ value: code, label: t(`catalog.icecat.lang.${code}`) }))}
              value={form.language}
              onChange={(language) => change({ language, translations: form.translations.filter((code) => code !== language) })}
            />
            <input type="hidden" name="translations" value={form.translations.join(",")} />
            <ChoiceList
              allowMultiple
              title={t("catalog.icecat.translations")}
              choices={ICECAT_LANGUAGES.filter((code) => code !== form.language).map((code) => ({
                value: code,
                label: t(`catalog.icecat.lang.${code}`),
              }))}
              selected={form.translations}
              onChange={(translations) => change({ translations })}
            />
            <Text as="p" tone="subdued">
              {t("catalog.icecat.translationsHelp")}
            </Text>
            {WRITES.map((field) => (
              <div key={field}>
                <input type="hidden" name={field} value={String(form[field])} />
                <Checkbox label={t(`catalog.icecat.${field}`)} checked={form[field]} onChange={(checked) => change({ [field]: checked })} />
              </div>
            ))}
            <InlineStack align="end">
              <Button submit loading={save.state !== "idle"}>
                {t("catalog.icecat.save")}
              </Button>
            </InlineStack>
          </FormLayout>
        </save.Form>
        {update.data?.errors ? (
          <Banner tone="warning">
            <p>{update.data.errors.map(say).join(" ")}</p>
          </Banner>
        ) : null}
        {update.data?.runId ? <Link to={`/app/runs/${update.data.runId}`}>{t("catalog.icecat.follow")}</Link> : null}
        <InlineStack align="end">
          <Button
            variant="primary"
            disabled={!icecat.connected}
            loading={update.state !== "idle"}
            onClick={() => update.submit({ intent: "icecat-update" }, { method: "post" })}
          >
            {t("catalog.icecat.update")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
