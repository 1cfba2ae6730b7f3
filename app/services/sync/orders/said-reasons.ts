/**
 * The sentences Ponte writes on an order (why it waits or failed, what needs the merchant's attention, why the POS
 * holds it back) are stored in English, as the server log reads them. For the admin, each one Ponte wrote is read
 * back to its message key and values, so the Orders page says it in the merchant's language; words from outside (an
 * ERP's or Shopify's own error) stay as they came. Pure; shared by the server and the browser. Each pattern mirrors
 * the code that writes the sentence, and a test checks that the English of the key is the sentence itself.
 */
import { say, type MerchantText } from "../../../i18n/merchant-message";

type Reader = [RegExp, (match: RegExpExecArray) => MerchantText];

const READERS: Reader[] = [
  [/^waiting for payment$/, () => say("orders.reason.waitingForPayment")],
  [/^cancelled before export$/, () => say("orders.reason.cancelledBeforeExport")],
  [/^no ERP connected yet: the order goes once one is$/, () => say("orders.reason.noErp")],
  [/^no such order \(erased by a redaction\?\)$/, () => say("orders.reason.erased")],
  [
    /^order (.+) is in an ERP that is no longer connected: reconnect it to carry changes over$/,
    (m) => say("orders.reason.erpGone", { order: m[1]! }),
  ],
  [
    /^Booked with a difference: ERP (.+?), Shopify (\S+) (\S+) \(tax: ERP (.+?), Shopify (\S+)\)\. Check the taxes and prices of this sale in the ERP against the Shopify order, then correct the sale there\.$/,
    (m) => say("orders.flag.totalsTax", { erp: m[1]!, shopify: m[2]!, currency: m[3]!, erpTax: m[4]!, shopifyTax: m[5]! }),
  ],
  [
    /^Booked with a difference: ERP (.+?), Shopify (\S+) (\S+)\. Check the taxes and prices of this sale in the ERP against the Shopify order, then correct the sale there\.$/,
    (m) => say("orders.flag.totals", { erp: m[1]!, shopify: m[2]!, currency: m[3]! }),
  ],
  [
    /^The ERP cancelled sale (.+) after it was invoiced; the Shopify order stays invoiced\. Credit it in the ERP if that was meant\.$/,
    (m) => say("orders.flag.cancelledAfterInvoice", { sale: m[1]! }),
  ],
  [/^The ERP no longer has sale (.+); the order's ERP status cannot be followed\.$/, (m) => say("orders.flag.saleGone", { sale: m[1]! })],
  [
    /^Shopify refused to (cancel the order|fulfil the order|tag the order invoiced|write the invoice on the order|record the ERP sale on the order) after the ERP's sale (.+?): (.*)$/,
    (m) => say(`orders.flag.shopifyRefused.${m[1]!.split(" ")[0]}`, { sale: m[2]!, reason: m[3]! }),
  ],
  [
    /^Changed in Shopify after a refund, beyond what the refund took back \(an item added or exchanged\): the ERP sale (.+) keeps what was sold\. Carry the change over in the ERP\.$/,
    (m) => say("orders.flag.changedAfterRefund", { sale: m[1]! }),
  ],
  [
    /^Shopify did not give return (\S+) of order (\S+): (.*)$/,
    (m) => say("orders.refund.reason.returnUnread", { return: m[1]!, order: m[2]!, reason: m[3]! }),
  ],
  [
    /^Return (\S+) exchanges items: Ponte does not book exchanges yet\. Book the goods back and the new items in the ERP\.$/,
    (m) => say("orders.refund.reason.exchange", { name: m[1]! }),
  ],
  [
    /^Return (\S+) exchanges items for goods no longer on the order: book the goods back and the new items in the ERP\.$/,
    (m) => say("orders.refund.reason.exchangeGoodsGone", { name: m[1]! }),
  ],
  [
    /^Exchange sale booked with a difference: (\S+) (\S+) in the ERP, the new items come to (\S+) (\S+) in Shopify\.$/,
    (m) => say("orders.refund.reason.exchangeDiffers", { erp: m[1]!, currency: m[2]!, shopify: m[3]!, shopifyCurrency: m[4]! }),
  ],
  [/^the order never went to the ERP$/, () => say("orders.refund.reason.notExported")],
  [
    /^Booked with a difference: credit note (\S+) (\S+), Shopify refunded (\S+) (\S+)\.$/,
    (m) => say("orders.refund.reason.difference", { erp: m[1]!, currency: m[2]!, shopify: m[3]!, shopifyCurrency: m[4]! }),
  ],
  [
    /^Goods back at a Shopify location with no ERP warehouse: (.+); move them in the ERP\.$/,
    (m) => say("orders.refund.reason.noWarehouse", { lines: m[1]! }),
  ],
  [
    /^Booked in (\S+); the buyer was refunded (\S+) (\S+)\.$/,
    (m) => say("orders.refund.reason.otherCurrency", { currency: m[1]!, amount: m[2]!, buyerCurrency: m[3]! }),
  ],
  [
    /^The ERP did not answer for the refund of order (\S+); Ponte tries again on its own\.$/,
    (m) => say("orders.refund.reason.unavailable", { order: m[1]! }),
  ],
  [
    /^(.+) did not answer for the refund of order (\S+); Ponte tries again on its own\.$/,
    (m) => say("orders.refund.reason.unavailableNamed", { erp: m[1]!, order: m[2]! }),
  ],
  [
    /^The ERP refused the credit note for order (\S+): (.*)\. Correct it, then retry the refund\.$/,
    (m) => say("orders.refund.reason.refused", { order: m[1]!, reason: m[2]! }),
  ],
  [
    /^(.+) refused the credit note for order (\S+): (.*)\. Correct it, then retry the refund\.$/,
    (m) => say("orders.refund.reason.refusedNamed", { erp: m[1]!, order: m[2]!, reason: m[3]! }),
  ],
  // Why an export failed (export-failure.ts: merchantReason), around the ERP's own words; "the ERP" when it has no name of its own.
  exportFailure(/^(The ERP|.+?) cannot book order (\S+) yet: (.*)\.$/, "cannotBook", (m) => ({ erp: m[1]!, order: m[2]!, reason: m[3]! })),
  exportFailure(
    /^(The ERP|.+?) refused order (\S+): (.*)\. Correct it in (?:the ERP|.+?) or in Shopify, then retry the order\.$/,
    "refused",
    (m) => ({ erp: m[1]!, order: m[2]!, reason: m[3]! }),
  ),
  exportFailure(/^(The ERP|.+?) refused order (\S+): (.*)\. Correct it in (?:the ERP|.+?), then retry the order\.$/, "refusedInErp", (m) => ({
    erp: m[1]!,
    order: m[2]!,
    reason: m[3]!,
  })),
  exportFailure(/^(The ERP|.+?) did not answer for order (\S+) \((.*)\); Ponte tries again on its own\.$/, "unavailable", (m) => ({
    erp: m[1]!,
    order: m[2]!,
    reason: m[3]!,
  })),
  exportFailure(/^Order (\S+) met a passing problem on its way to (the ERP|.+?); Ponte tries again on its own\.$/, "passing", (m) => ({
    order: m[1]!,
    erp: m[2]!,
  })),
  exportFailure(
    /^Order (\S+) could not go to (the ERP|.+?): (.*)\. Correct it in (?:the ERP|.+?) or in Shopify, then retry the order\.$/,
    "couldNotGo",
    (m) => ({ order: m[1]!, erp: m[2]!, reason: m[3]! }),
  ),
  exportFailure(
    /^Order (\S+) could not go to (the ERP|.+?): (.*)\. Check the connection on the ERP page, then retry the order\.$/,
    "couldNotConnect",
    (m) => ({ order: m[1]!, erp: m[2]!, reason: m[3]! }),
  ),
  exportFailure(
    /^Order (\S+) could not go to (the ERP|.+?) because of an error inside Ponte \(the server log has the details\)\. Retry the order; if it fails again, tell us\.$/,
    "internal",
    (m) => ({ order: m[1]!, erp: m[2]! }),
  ),
  [/^cancelled: nothing sent to the POS$/, () => say("orders.pos.reason.cancelledNothingSent")],
  [
    /^Cancelled in Shopify after it was sent to the POS; Cassa in Cloud's API offers no cancellation: cancel POS orders? (.+) at the sale points?\.$/,
    (m) => say("orders.pos.reason.cancelAtTill", { orders: m[1]!, count: m[1]!.split(", ").length }),
  ],
  [/^No sale point is switched on: switch one on on the POS page\.$/, () => say("orders.pos.reason.noneOn")],
  [
    /^No active sale point can serve (.+); the order goes once stock arrives\.$/,
    (m) => {
      // "2 × CAF-1 (not sold by the POS), 1 × CAF-2": the lines, and those the POS does not sell at all.
      const lines = m[1]!.split(", ").map((line) => /^(.+?)( \(not sold by the POS\))?$/.exec(line)!);
      const notSold = lines.filter((line) => line[2]).map((line) => line[1]!);
      const all = lines.map((line) => line[1]!).join(", ");
      return notSold.length
        ? say("orders.pos.reason.unservableNotSold", { lines: all, notSold: notSold.join(", ") })
        : say("orders.pos.reason.unservable", { lines: all });
    },
  ],
];

/**
 * An export failure's reader: the ERP called "the ERP" (the one with no name of its own) says the key, a named one
 * the key's Named form with its name.
 */
function exportFailure(pattern: RegExp, key: string, values: (match: RegExpExecArray) => { erp: string; order: string; reason?: string }): Reader {
  return [
    pattern,
    (m) => {
      const { erp, ...rest } = values(m);
      return /^the ERP$/i.test(erp) ? say(`orders.reason.export.${key}`, rest) : say(`orders.reason.export.${key}Named`, { erp, ...rest });
    },
  ];
}

/** What Ponte wrote, by key, for the page to say in the merchant's language; anything else as it came. */
export function saidReason(text: string): MerchantText {
  for (const [pattern, read] of READERS) {
    const match = pattern.exec(text);
    if (match) return read(match);
  }
  return text;
}
