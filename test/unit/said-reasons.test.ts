// GIVEN the sentences Ponte writes on an order (why it waits, what needs attention, why the POS holds it back)
// WHEN the Orders page reads one back to its message key
// THEN the key's English is the sentence itself (so the page says the same in English, and the pattern follows the
//      code that writes it), its Italian is Italian, and words from outside (an ERP's error) pass through untouched
import { describe, expect, it } from "vitest";
import { englishOf } from "../../app/i18n/merchant-message";
import { createI18n } from "../../app/i18n/i18n";
import { sayWith } from "../../app/i18n/use-say";
import { saidReason } from "../../app/services/sync/orders/said-reasons";
import { checkTotals } from "../../app/services/sync/orders/totals-check";
import { NO_ERP_REASON } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { WAITING_FOR_PAYMENT } from "../../app/services/sync/orders/order-sync-states";
import { merchantReason } from "../../app/services/sync/orders/export-failure";
import { ErpRefusedError, ErpUnavailableError } from "../../app/services/erp/erp-connector";
import { TrytonUserError } from "../../app/services/erp/tryton/tryton-rpc.server";
import { PermanentError, RetryableError } from "../../app/services/errors";

/** The name merchantReason gives an ERP the merchant did not name. */
const ERP_UNNAMED = "ERP";

const totals = (tax: string) =>
  checkTotals({ currency: "EUR", totals: { total: "35.38", tax: "6.38" } } as never, { total: "31.90", tax } as never, "0.00")!.message!;

/** Why an export failed, as the export writes it, for the ERP with no name of its own and for a named one. */
const exportFailures = [ERP_UNNAMED, "Polska"].flatMap((erp) => [
  merchantReason(new ErpRefusedError("Customer on hold: credit limit exceeded.", "refused"), "#1001", erp),
  merchantReason(new ErpRefusedError("the period 2026-12 is closed", "cannot_book"), "#1001", erp),
  merchantReason(new TrytonUserError("The party has no account."), "#1001", erp),
  merchantReason(new ErpUnavailableError("HTTP 503"), "#1001", erp),
  merchantReason(new RetryableError("socket hang up"), "#1001", erp),
  merchantReason(new PermanentError("no article for SKU CAF-1 (Caffè)."), "#1001", erp),
  merchantReason(new PermanentError("wrong API key"), "#1001", erp),
  merchantReason(new Error("connection terminated"), "#1001", erp),
]);

const WRITTEN = [
  ...exportFailures,
  WAITING_FOR_PAYMENT,
  NO_ERP_REASON,
  "cancelled before export",
  "no such order (erased by a redaction?)",
  "order #1001 is in an ERP that is no longer connected: reconnect it to carry changes over",
  totals("2.90"),
  totals("6.38"),
  "The ERP cancelled sale SO42 after it was invoiced; the Shopify order stays invoiced. Credit it in the ERP if that was meant.",
  "The ERP no longer has sale SO42; the order's ERP status cannot be followed.",
  "Shopify refused to fulfil the order after the ERP's sale SO42: no fulfillment order",
  "Shopify refused to write the invoice on the order after the ERP's sale SO42: Value is invalid for type date.",
  "Shopify refused to record the ERP sale on the order after the ERP's sale SO42: Owner does not exist.",
  "cancelled: nothing sent to the POS",
  "Cancelled in Shopify after it was sent to the POS; Cassa in Cloud's API offers no cancellation: cancel POS order 77 at the sale point.",
  "Cancelled in Shopify after it was sent to the POS; Cassa in Cloud's API offers no cancellation: cancel POS orders 77, 78 at the sale points.",
  "No sale point is switched on: switch one on on the POS page.",
  "No active sale point can serve 2 × CAF-1; the order goes once stock arrives.",
  "the order never went to the ERP",
  "Return #1001-R1 exchanges items: Ponte does not book exchanges yet. Book the goods back and the new items in the ERP.",
  "Return #1001-R1 exchanges items for goods no longer on the order: book the goods back and the new items in the ERP.",
  "Exchange sale booked with a difference: 39.01 EUR in the ERP, the new items come to 39.00 EUR in Shopify.",
  "Shopify did not give return gid://shopify/Return/7 of order #1001: Query cost is 1531",
  "Changed in Shopify after a refund, beyond what the refund took back (an item added or exchanged): the ERP sale SO42 keeps what was sold. Carry the change over in the ERP.",
  "Booked with a difference: credit note 88.71 EUR, Shopify refunded 88.70 EUR.",
  "Goods back at a Shopify location with no ERP warehouse: Moka 3 tazze, Caffè 1 kg; move them in the ERP.",
  "Booked in EUR; the buyer was refunded 26.35 USD.",
  "The ERP did not answer for the refund of order #1001; Ponte tries again on its own.",
  "Italia did not answer for the refund of order #1001; Ponte tries again on its own.",
  'The ERP refused the credit note for order #1001: no article SKU-1 for "Moka". Correct it, then retry the refund.',
  "Polska refused the credit note for order #1001: no sales order S9. Correct it, then retry the refund.",
];

describe("the reasons Ponte writes on an order", () => {
  it.each(WRITTEN)("reads %s back to a key whose English is the same sentence", (sentence) => {
    const said = saidReason(sentence);
    expect(typeof said).not.toBe("string");
    expect(englishOf(said)).toBe(sentence);
  });

  it("says them in Italian, and leaves an ERP's own words as they came", () => {
    const say = sayWith(createI18n("it").t);
    expect(say(saidReason(merchantReason(new ErpRefusedError("Customer on hold.", "refused"), "#1001", ERP_UNNAMED)))).toBe(
      "Il gestionale ha rifiutato l'ordine #1001: Customer on hold. Correggi nel gestionale o in Shopify, poi riprova l'ordine.",
    );
    expect(say(saidReason(merchantReason(new ErpUnavailableError("HTTP 503"), "#1001", "Polska")))).toBe(
      "Polska non ha risposto per l'ordine #1001 (HTTP 503); Ponte riprova da solo.",
    );
    expect(say(saidReason(totals("2.90")))).toBe(
      "Registrato con una differenza: gestionale 31.90, Shopify 35.38 EUR (imposte: gestionale 2.90, Shopify 6.38). Confronta imposte e prezzi di questa vendita nel gestionale con l'ordine Shopify, poi correggi la vendita lì.",
    );
    expect(say(saidReason("No active sale point can serve 2 × CAF-1 (not sold by the POS), 1 × CAF-2; the order goes once stock arrives."))).toBe(
      "Nessun punto vendita attivo può evadere 2 × CAF-1, 1 × CAF-2 (non venduti dalla cassa: 2 × CAF-1); l'ordine parte quando arriva la merce.",
    );
    expect(saidReason("Tryton: Invalid tax code IVA22")).toBe("Tryton: Invalid tax code IVA22");
  });
});
