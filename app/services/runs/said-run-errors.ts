/**
 * Why a run failed or was skipped, as Ponte wrote it (in English, for the server log), read back to its message key
 * so Activity, the run page and the alert banners say it in the merchant's language; an outside system's words (an
 * ERP's error, Shopify's) stay as they came. Pure; shared by the server and the browser. Each pattern mirrors the
 * code that writes the sentence; a test checks that the key's English is the sentence itself.
 */
import { say, type MerchantText } from "../../i18n/merchant-message";
import { RUN_KIND_IDS, RUN_KIND_REGISTRY } from "./run-kind-registry";

type Reader = [RegExp, (match: RegExpExecArray) => MerchantText];

const kindOfLabel = (label: string) => RUN_KIND_IDS.find((kind) => RUN_KIND_REGISTRY[kind].label === label);

const READERS: Reader[] = [
  [/^the worker running it stopped; the run was given up when its lease expired$/, () => say("runs.error.workerStopped")],
  [/^no POS is connected$/, () => say("runs.error.noPos")],
  [/^no ERP is connected$/, () => say("runs.error.noErp")],
  [/^no POS is connected \((products|stock) come from the POS\)$/, (m) => say(`runs.error.noPosFor.${m[1]}`)],
  [/^no ERP is connected \((products|stock) come from the ERP\)$/, (m) => say(`runs.error.noErpFor.${m[1]}`)],
  [/^none of the schedule's ERPs is connected any more$/, () => say("runs.error.scheduleErpsGone")],
  [/^no encryption key is set, so no source can be read$/, () => say("runs.error.noKey")],
  [/^the first product sync has not completed yet$/, () => say("runs.error.firstSyncPending")],
  [
    /^(.+) was already running for this shop$/,
    (m) => {
      const kind = kindOfLabel(m[1]!);
      return kind ? say("runs.error.alreadyRunning", { kind, name: m[1]! }) : m[0]!;
    },
  ],
  [
    /^(\d+) orders? (?:was|were) booked in the ERP with other totals than Shopify's \((.+?)( and (\d+) more)?\); the Orders page shows the figures$/,
    // Counts of orders, not money.
    (m) =>
      m[3]
        ? say("runs.error.totalsMore", { count: Number(m[1]), orders: m[2]!, more: Number(m[4]) })
        : say("runs.error.totals", { count: Number(m[1]), orders: m[2]! }),
  ],
  [/^Waiting: (.+)\.$/, (m) => say("runs.error.waiting", { reason: m[1]! })],
];

/** What Ponte wrote, by key, for the page to say in the merchant's language; anything else as it came. */
export function saidRunError(text: string): MerchantText {
  for (const [pattern, read] of READERS) {
    const match = pattern.exec(text);
    if (match) return read(match);
  }
  return text;
}
