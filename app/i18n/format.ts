/**
 * Dates, times and numbers as the merchant reads them: in the merchant's language, and every date and time in the
 * shop's time zone (the same clock on every page, whatever the browser's), with `Intl`. Pure.
 */
import type { Locale } from "./locales";

export interface Formatter {
  /** "2 dic 2026, 14:05" */
  dateTime(iso: string | Date): string;
  /** "2 dic 2026" */
  date(iso: string | Date): string;
  /** "14:05:09" */
  time(iso: string | Date, withSeconds?: boolean): string;
  /** Today: the time only; another day: day, month and time. */
  when(iso: string | Date, now?: Date): string;
  number(value: number): string;
  /** A decimal amount ("12.50", never a float) in a currency: "12,50 €" in Italian. */
  money(amount: string, currency: string): string;
  /** The zone's name as the label under times ("Europe/Rome"). */
  timeZone: string;
}

/** English as Ponte's merchants (in Europe and Brazil) read it: a 24-hour clock and day before month. */
const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", it: "it-IT", pl: "pl-PL", "pt-BR": "pt-BR" };

export function formatterFor(language: Locale, timeZone: string): Formatter {
  const locale = INTL_LOCALE[language];
  const zone = { timeZone };
  const dateTime = new Intl.DateTimeFormat(locale, { ...zone, dateStyle: "medium", timeStyle: "short" });
  const date = new Intl.DateTimeFormat(locale, { ...zone, dateStyle: "medium" });
  const time = new Intl.DateTimeFormat(locale, { ...zone, hour: "2-digit", minute: "2-digit" });
  const timeSeconds = new Intl.DateTimeFormat(locale, { ...zone, hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const dayMonthTime = new Intl.DateTimeFormat(locale, { ...zone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  const day = new Intl.DateTimeFormat("en-CA", { ...zone, year: "numeric", month: "2-digit", day: "2-digit" });
  const number = new Intl.NumberFormat(locale);
  const at = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  return {
    dateTime: (value) => dateTime.format(at(value)),
    date: (value) => date.format(at(value)),
    time: (value, withSeconds = false) => (withSeconds ? timeSeconds : time).format(at(value)),
    when: (value, now = new Date()) => (day.format(at(value)) === day.format(now) ? time.format(at(value)) : dayMonthTime.format(at(value))),
    number: (value) => number.format(value),
    // Intl formats a numeric string exactly (no float on the way), so an amount keeps every cent.
    money: (amount, currency) => new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount as unknown as number),
    timeZone,
  };
}
