/**
 * A sentence Ponte writes for the merchant outside a page (a run's log line): its message key in messages/*.json and
 * its values, stored as such so each admin shows it in its own language; its English text goes to the server log and
 * to emails. Pure; shared by the server and the browser.
 */
import { createInstance } from "i18next";
import en from "./messages/en.json";

export type MessageParams = Record<string, string | number>;

export interface MerchantMessage {
  key: string;
  params?: MessageParams;
}

/** A message by key: `say("runs.log.started", { trigger: "schedule" })`. */
export const say = (key: string, params?: MessageParams): MerchantMessage => ({ key, ...(params ? { params } : {}) });

const english = createInstance();
void english.init({
  lng: "en",
  resources: { en: { translation: en } },
  interpolation: { escapeValue: false },
  initImmediate: false,
});

/** The message in English; plain text stays as it is. A `prefix` value names what the line is about ("Polska: …"). */
export function englishOf(message: string | MerchantMessage): string {
  // A plain string is a message key when the messages know it ("errors.erp.gone"), else text as it is.
  if (typeof message === "string") return english.exists(message) ? english.t(message) : message;
  const text = english.t(message.key, { ...message.params, defaultValue: message.key });
  return message.params?.prefix !== undefined ? `${message.params.prefix}: ${text}` : text;
}

/** What a service says to the merchant: a message by key, or text (from an outside system, or not yet keyed). */
export type MerchantText = string | MerchantMessage;
