/**
 * What English a page still shows when it should speak another language: every sentence of Ponte's English
 * messages (messages/en.json, split at its placeholders) that the other language words differently and that appears
 * in the page's text; and any run of English words ("the", "and", "from"…) the messages do not know (text written
 * outside them). Names and data (SKUs, product names, emails) are neither.
 */
import en from "../../app/i18n/messages/en.json";
import it from "../../app/i18n/messages/it.json";
import pl from "../../app/i18n/messages/pl.json";
import ptBR from "../../app/i18n/messages/pt-BR.json";

type Messages = { [key: string]: string | Messages };
const MESSAGES: Record<string, Messages> = { it, pl, "pt-BR": ptBR };

function leaves(messages: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === "string") out.set(`${prefix}${key}`, value);
    else for (const [inner, text] of leaves(value, `${prefix}${key}.`)) out.set(inner, text);
  }
  return out;
}

const fragments = (text: string) =>
  text
    .replace(/<\/?\w+>/g, "")
    .split(/\{\{\w+\}\}/)
    .map((part) =>
      part
        .trim()
        .replace(/^[,.:;()]+|[,.:;(]+$/g, "")
        .trim(),
    )
    // A fragment of a few letters ("ERP", "SKU", "of") says nothing about the language.
    .filter((part) => part.length >= 12 && /\s/.test(part));

const ENGLISH_WORDS = /\b(the|and|from|with|have|has|not|yet|been|were|your|this|that|which|until|after|every|each|only|orders?|products?)\b/gi;

export function englishLeft(pageText: string, language: string, allowed: readonly string[] = []): string[] {
  const translated = leaves(MESSAGES[language]!);
  const found = new Set<string>();
  for (const [key, english] of leaves(en as Messages)) {
    const own = translated.get(key) ?? "";
    for (const part of fragments(english)) if (!own.includes(part) && pageText.includes(part)) found.add(part);
  }
  // English words outside the messages: each line of text that has two of them or more.
  for (const line of pageText.split("\n")) {
    if (allowed.some((name) => line.includes(name))) continue;
    const words = line.match(ENGLISH_WORDS) ?? [];
    if (new Set(words.map((word) => word.toLowerCase())).size >= 2) found.add(line.trim());
  }
  return [...found];
}
