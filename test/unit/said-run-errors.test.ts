// GIVEN why a run failed or was skipped, as Ponte writes it for the server log
// WHEN Activity, the run page or an alert reads it back to its message key
// THEN the key's English is the sentence itself (the pattern follows the code that writes it), the page says it in
//      Italian, and an outside system's words pass through untouched
import { describe, expect, it } from "vitest";
import { englishOf } from "../../app/i18n/merchant-message";
import { createI18n } from "../../app/i18n/i18n";
import { sayWith } from "../../app/i18n/use-say";
import { saidRunError } from "../../app/services/runs/said-run-errors";
import { WORKER_STOPPED } from "../../app/services/runs/job-runs.server";
import { totalsDifferenceFailure } from "../../app/services/sync/orders/totals-differences.server";

const WRITTEN = [
  WORKER_STOPPED,
  "no POS is connected",
  "no ERP is connected",
  "no POS is connected (products come from the POS)",
  "no ERP is connected (stock come from the ERP)",
  "none of the schedule's ERPs is connected any more",
  "no encryption key is set, so no source can be read",
  "the first product sync has not completed yet",
  "Sync customers was already running for this shop",
  totalsDifferenceFailure([{ orderName: "#1001", flag: "" }]).message,
  totalsDifferenceFailure(["#1", "#2", "#3", "#4", "#5", "#6", "#7"].map((orderName) => ({ orderName, flag: "" }))).message,
  "Waiting: Shopify did not make 2 products (daily variant limit).",
];

describe("why a run failed or was skipped", () => {
  it.each(WRITTEN)("reads %s back to a key whose English is the same sentence", (sentence) => {
    const said = saidRunError(sentence);
    expect(typeof said).not.toBe("string");
    expect(englishOf(said)).toBe(sentence);
  });

  it("says it in Italian, with the run kind's Italian name, and leaves an ERP's words as they came", () => {
    const say = sayWith(createI18n("it").t);
    expect(say(saidRunError("Sync customers was already running for this shop"))).toBe("Sincronizza clienti era già in corso per questo negozio");
    expect(say(saidRunError(WORKER_STOPPED))).toMatch(/^il processo che la eseguiva si è fermato/);
    expect(saidRunError("the ERP answered 503: maintenance")).toBe("the ERP answered 503: maintenance");
  });
});
