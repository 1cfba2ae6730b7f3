// GIVEN the ways an export fails (an ERP's refusal, an ERP that cannot book, an ERP down, a wrong key, a database error)
// WHEN the reason is written for the Orders page
// THEN it is a sentence about the order and what to do next; a database or library error's text never reaches it
import { describe, expect, it } from "vitest";
import { ErpRefusedError, ErpUnavailableError } from "../../app/services/erp/erp-connector";
import { TrytonUserError } from "../../app/services/erp/tryton/tryton-rpc.server";
import { PermanentError } from "../../app/services/errors";
import { merchantReason } from "../../app/services/sync/orders/export-failure";

describe("reasons a merchant can act on", () => {
  it("passes on what the ERP says of its own data, with what to do next", () => {
    expect(merchantReason(new ErpRefusedError("Customer on hold: credit limit exceeded.", "invalid"), "#1001", "ERP")).toBe(
      "The ERP refused order #1001: Customer on hold: credit limit exceeded. Correct it in the ERP or in Shopify, then retry the order.",
    );
    expect(
      merchantReason(
        new ErpRefusedError(
          "Tryton has no currency CAD: add it in Tryton (Currency > Currencies, with its exchange rate), then retry the order",
          "cannot_book",
        ),
        "#1004",
        "Canada",
      ),
    ).toBe(
      "Canada cannot book order #1004 yet: Tryton has no currency CAD: add it in Tryton (Currency > Currencies, with its exchange rate), then retry the order.",
    );
    expect(merchantReason(new TrytonUserError('The phone number "0411" for party "Ada" is not valid.'), "#7", "ERP")).toBe(
      'The ERP refused order #7: The phone number "0411" for party "Ada" is not valid. Correct it in the ERP, then retry the order.',
    );
  });

  it("says an ERP that is down is retried, and a refused key is a connection to check", () => {
    expect(merchantReason(new ErpUnavailableError("the ERP answered 503"), "#1", "Polska")).toBe(
      "Polska did not answer for order #1 (the ERP answered 503); Ponte tries again on its own.",
    );
    expect(merchantReason(new PermanentError("the ERP refused Ponte's API key (wrong API key)"), "#2", "ERP")).toMatch(
      /Check the connection on the ERP page, then retry the order\.$/,
    );
  });

  it("never shows a database or library error's text", () => {
    const prisma = new Error(
      "Invalid `db.externalLink.upsert()` invocation in /app/binder.server.ts:33:25 Unique constraint failed on the fields: (`shop`,`system`)",
    );
    const reason = merchantReason(prisma, "#1003", "ERP");
    expect(reason).toBe(
      "Order #1003 could not go to the ERP because of an error inside Ponte (the server log has the details). Retry the order; if it fails again, tell us.",
    );
    expect(reason).not.toMatch(/upsert|constraint|binder/);
  });
});
