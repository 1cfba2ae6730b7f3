/** Writes out what a service said (a message by key, a key, or plain text) in the page's language. */
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { MerchantText } from "./merchant-message";

export function sayWith(t: TFunction): (text: MerchantText) => string {
  return (text) => {
    if (typeof text === "string") return t(text, { defaultValue: text });
    const params: Record<string, unknown> = { ...text.params };
    // A run kind named in a message is written out in the page's language too.
    if (typeof params.kind === "string") params.name = t(`runs.kind.${params.kind}`, { defaultValue: params.kind });
    return t(text.key, { ...params, defaultValue: text.key });
  };
}

export function useSay(): (text: MerchantText) => string {
  const { t } = useTranslation();
  return sayWith(t);
}
