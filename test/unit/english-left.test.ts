// GIVEN the text of a page that should be Italian or Brazilian Portuguese
// WHEN it is checked for English left on it (test/support/english-left, used by the languages e2e)
// THEN a sentence of Ponte's English messages is found, and so is English written outside the messages; the
//      translated page, names and data pass
import { describe, expect, it } from "vitest";
import { englishLeft } from "../support/english-left";

describe("English left on a translated page", () => {
  it("finds a message left in English, and English text outside the messages", () => {
    expect(englishLeft("Ordini\nNo orders yet\nGli ordini compaiono qui appena Shopify li invia.", "it")).toContain("No orders yet");
    expect(englishLeft("Pedidos\nThe order was sent to the warehouse with its lines", "pt-BR")).toEqual([
      "The order was sent to the warehouse with its lines",
    ]);
  });

  it("passes a translated page with names and data", () => {
    const page =
      "Ordini\nAncora nessun ordine\nGli ordini compaiono qui appena Shopify li invia.\nCaffè in grani 1 kg · CAF-GRANI-1KG\nPonte Demo Store";
    expect(englishLeft(page, "it", ["Ponte Demo"])).toEqual([]);
  });
});
