// The generic HTTP ERP adapter over its emulator: the shared ERP contract, then what is particular to HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PermanentError, RetryableError } from "../../app/services/errors";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { erpAdapterContract } from "../contract/erp-adapter.contract";

let emulator: ErpEmulator;
beforeAll(async () => {
  emulator = await startErpEmulator({ apiKey: "erp-key-for-tests" });
});
afterAll(() => emulator.close());

erpAdapterContract({
  name: "generic HTTP ERP (emulator)",
  createAdapter: () => new HttpErpAdapter({ baseUrl: emulator.url, apiKey: emulator.apiKey }),
  ship: async (id) => void emulator.books.ship(id, "BRT", "BRT-0001"),
  invoice: async (id) => void emulator.books.invoice(id),
});

describe("generic HTTP ERP adapter", () => {
  const adapter = () => new HttpErpAdapter({ baseUrl: emulator.url, apiKey: emulator.apiKey, timeoutMs: 500 });

  it("reports a wrong key as a clear, permanent error that does not show the key", async () => {
    const error = await new HttpErpAdapter({ baseUrl: emulator.url, apiKey: "wrong-secret-key" }).findArticleBySku("X").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/refused Ponte's API key/);
    expect((error as Error).message).not.toContain("wrong-secret-key");
    const check = await new HttpErpAdapter({ baseUrl: emulator.url, apiKey: "wrong-secret-key" }).testConnection();
    expect(check.ok).toBe(false);
  });

  it("treats an ERP that is down, failing or too slow as retryable", async () => {
    emulator.faults.down = true;
    expect(await adapter().findArticleBySku("X").catch((e: unknown) => e)).toBeInstanceOf(RetryableError);
    emulator.faults.down = false;
    emulator.faults.failNext = 1;
    expect(await adapter().findArticleBySku("X").catch((e: unknown) => e)).toBeInstanceOf(RetryableError);
    emulator.faults.latencyMs = 1000;
    const slow = await adapter().findArticleBySku("X").catch((e: unknown) => e);
    emulator.faults.latencyMs = 0;
    expect(slow).toBeInstanceOf(RetryableError);
    expect((slow as Error).message).toMatch(/timeout/);
    expect(await adapter().findArticleBySku("X")).toBeNull();
  });

  it("refuses a sale that names an unknown customer, with the ERP's reason", async () => {
    const error = await adapter()
      .createSalesOrder({ reference: "#x", customerId: "C999", currency: "EUR", lines: [{ articleId: "A1", description: "x", quantity: 1, unitPrice: "1.00" }], shippingAddress: null, note: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/no customer C999/);
  });
});
