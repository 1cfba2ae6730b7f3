// GIVEN the ERP emulator, which reads docs/erp-http-contract.openapi.yaml itself
// WHEN a request's body does not fit the published contract (whatever Ponte's own schemas say)
// THEN it is refused with 422, naming where it does not fit; a body that fits is served
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";

let erp: ErpEmulator;
beforeAll(async () => {
  erp = await startErpEmulator({ apiKey: "contract-key" });
});
afterAll(() => erp.close());

const send = async (method: string, path: string, body: unknown) => {
  const response = await fetch(`${erp.url}${path}`, {
    method,
    headers: { Authorization: "Bearer contract-key", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
};

describe("the ERP emulator holds requests to the published contract", () => {
  it("refuses a customer without the fields the contract requires, naming them", async () => {
    const answer = await send("POST", "/customers", { name: "Giulia Rossi", email: "giulia@example.it" });
    expect(answer.status).toBe(422);
    expect(answer.body.error?.message).toMatch(/not as the contract says: .*'externalRef'.*'addresses'/);
  });

  it("refuses a sales order whose quantity is a string, naming where", async () => {
    const customer = await send("POST", "/customers", { name: "Anna", email: null, externalRef: null, addresses: [] });
    const article = await send("POST", "/articles", { sku: "C-1", name: "Caffè", listPrice: "5.00" });
    const order = {
      reference: "contract-1",
      customerId: customer.body.id,
      currency: "EUR",
      lines: [{ articleId: article.body.id, description: "Caffè", quantity: "2", unitPrice: "5.00" }],
      shippingAddress: null,
      note: null,
    };
    const refused = await send("POST", "/sales-orders", order);
    expect(refused.status).toBe(422);
    expect(refused.body.error?.message).toContain("/lines/0/quantity must be number");
    const served = await send("POST", "/sales-orders", { ...order, lines: [{ ...order.lines[0], quantity: 2 }] });
    expect(served.status).toBe(201);
  });

  it("takes a change to a customer with only the fields that change, as the contract's PATCH says", async () => {
    const customer = await send("POST", "/customers", { name: "Paolo", email: null, externalRef: null, addresses: [] });
    const changed = await send("PATCH", `/customers/${String(customer.body.id)}`, { email: "paolo@example.it" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Paolo", email: "paolo@example.it" });
  });
});
