// GIVEN the run-kind registry, the one place a kind of run is declared
// WHEN the Activity filters, the Schedules form, the Jobs page and the availability checks read it
// THEN each sees every kind once, with its label, its built-in job and its schedule action as declared
import { describe, expect, it } from "vitest";
import { BUILT_IN_JOBS } from "../../app/services/jobs/shop-jobs.server";
import { builtInKinds, kindApplies, RUN_KIND_IDS, RUN_KIND_REGISTRY, scheduleActionKinds } from "../../app/services/runs/run-kind-registry";
import { RUN_KINDS } from "../../app/services/runs/run-list";
import { ERP_ACTIONS, RUN_KIND_OF_ACTION, SCHEDULE_ACTIONS } from "../../app/services/schedules/schedule-form";
import { PREPARE_RUN } from "../../app/services/sync/run-kinds/index.server";
import { shopDomain } from "../../app/services/ids";

describe("the run-kind registry", () => {
  it("gives every kind its label, and a preparation on the server", () => {
    expect(Object.keys(RUN_KINDS)).toEqual(RUN_KIND_IDS);
    for (const kind of RUN_KIND_IDS) {
      expect(RUN_KINDS[kind]).toBe(RUN_KIND_REGISTRY[kind].label);
      expect(typeof PREPARE_RUN[kind]).toBe("function");
    }
    expect(Object.keys(PREPARE_RUN).sort()).toEqual([...RUN_KIND_IDS].sort());
  });

  it("makes the schedule actions, each once, each back to its kind", () => {
    const actions = scheduleActionKinds();
    expect(new Set(actions.map((one) => one.action)).size).toBe(actions.length);
    expect(Object.keys(SCHEDULE_ACTIONS)).toEqual(actions.map((one) => one.action));
    for (const { action, kind } of actions) expect(RUN_KIND_OF_ACTION[action]).toBe(kind);
    expect([...ERP_ACTIONS].sort()).toEqual(["import-new-products", "import-orders", "sync-customers", "sync-statuses"]);
    expect(RUN_KIND_OF_ACTION["import-new-products"]).toBe("erp-product-import");
    expect(SCHEDULE_ACTIONS["sync-statuses"]).toBe("Sync statuses");
  });

  it("makes the built-in jobs, in its order, with their intervals and settings", () => {
    expect(BUILT_IN_JOBS.map((job) => [job.kind, job.defaultMinutes, job.setting ?? null])).toEqual(
      builtInKinds().map(({ kind, builtIn }) => [kind, builtIn.defaultMinutes, builtIn.setting ?? null]),
    );
    expect(BUILT_IN_JOBS.map((job) => job.kind)).toEqual([
      "import-orders",
      "erp-statuses",
      "customers-sync",
      "pos-dispatch",
      "stock-push",
      "product-refresh",
    ]);
    expect(BUILT_IN_JOBS.find((job) => job.kind === "customers-sync")?.data(shopDomain("a.myshopify.com"))).toEqual({
      shop: "a.myshopify.com",
      mode: "changed",
    });
  });

  it("says which kinds apply to a shop from what it has connected", () => {
    const applying = (connected: { erp: boolean; pos: boolean; catalog: boolean; icecat: boolean }) =>
      RUN_KIND_IDS.filter((kind) => kindApplies(kind, connected));
    expect(applying({ erp: false, pos: false, catalog: false, icecat: false })).toEqual(["import-orders"]);
    expect(applying({ erp: true, pos: false, catalog: false, icecat: false })).toEqual([
      "import-orders",
      "erp-statuses",
      "customers-sync",
      "erp-product-import",
    ]);
    expect(applying({ erp: false, pos: true, catalog: true, icecat: false })).toEqual([
      "import-orders",
      "pos-dispatch",
      "product-sync",
      "stock-push",
      "product-refresh",
      "full-resync",
      "recalculate-prices",
    ]);
    expect(applying({ erp: false, pos: false, catalog: false, icecat: true })).toEqual(["import-orders", "icecat-sheets"]);
    expect(RUN_KIND_OF_ACTION["update-icecat-sheets"]).toBe("icecat-sheets");
  });
});
