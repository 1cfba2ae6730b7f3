// GIVEN orders in the Shopify emulator with the legal data Italian, Brazilian and Polish invoices need: a codice fiscale
//       and PEC from the checkout (Order.localizedFields, which no webhook carries), a company's partita IVA and SDI
//       code in note attributes, a CPF from the checkout, B2B companies with a CNPJ and a NIP, and a codice fiscale
//       whose check letter is wrong
// WHEN each order is exported to the HTTP ERP and to a real Tryton 6.0, and the ERP later invoices a sale
// THEN each ERP customer carries its tax ids (Tryton: typed party identifiers) with its PEC and SDI code; a second
//      order of the same company from another email goes to the same customer; the wrong codice fiscale is kept on
//      the order with what is wrong and not sent; the invoice's number comes back on the Shopify order as a metafield
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import type { ErpConnector } from "../../app/services/erp/erp-connector";
import { erpsForShop, saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { saveErpLegalSettings } from "../../app/services/erp/erp-legal-settings.server";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { TrytonAdapter } from "../../app/services/erp/tryton/tryton.adapter.server";
import { erpRecordId, shopDomain, type ErpConnectionId } from "../../app/services/ids";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { ShopifyOrderActions } from "../../app/services/shopify/order-status.adapter.server";
import { exportSnapshotToErp } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { syncErpStatuses } from "../../app/services/sync/statuses/sync-erp-statuses.server";
import { legalIdentitySchema } from "../../app/services/tax-ids/tax-identifier";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { createTestDatabase } from "../support/test-database";
import { invoiceInTryton, shipInTryton, startTryton, type TrytonServer } from "../support/tryton-server";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const key = Buffer.alloc(32, 9).toString("base64");

interface ErpUnderTest {
  name: string;
  start(): Promise<{ input: Record<string, string>; adapter: ErpConnector; invoice(saleId: string): Promise<void>; stop(): Promise<void> }>;
}

const ERPS: ErpUnderTest[] = [
  {
    name: "the HTTP ERP",
    async start() {
      const erp: ErpEmulator = await startErpEmulator({ apiKey: "tax-ids-key" });
      return {
        input: { kind: "http", url: erp.url, secret: erp.apiKey },
        adapter: new HttpErpAdapter({ baseUrl: erp.url, apiKey: erp.apiKey }),
        invoice: async (saleId) => {
          await fetch(`${erp.url}/_control/sales-orders/${saleId}/invoice`, {
            method: "POST",
            body: JSON.stringify({ number: "FT/2026/0042", date: "2026-12-02", documentId: "IT01234567890_00042" }),
          });
        },
        stop: () => erp.close(),
      };
    },
  },
  {
    name: "Tryton 6.0",
    async start() {
      const tryton: TrytonServer = await startTryton();
      const adapter = new TrytonAdapter({ url: tryton.url, database: tryton.database, login: tryton.login, password: tryton.password });
      return {
        input: { kind: "tryton", url: tryton.url, database: tryton.database, login: tryton.login, secret: tryton.password },
        adapter,
        invoice: async (saleId) => {
          await shipInTryton(adapter.rpc, Number(saleId));
          await invoiceInTryton(adapter.rpc, Number(saleId));
        },
        stop: () => tryton.stop(),
      };
    },
  },
];

const line = { sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00" };
const address = (countryCode: string, city: string) => ({
  firstName: "Cliente",
  lastName: countryCode,
  address1: "Via Roma 1",
  city,
  zip: "20121",
  countryCode,
});

describe.each(ERPS)("legal data for invoices, to $name", (erpUnderTest) => {
  let db: PrismaClient;
  let shopify: ShopifyEmulator;
  let erp: Awaited<ReturnType<ErpUnderTest["start"]>>;
  let erpId: ErpConnectionId;
  let client: AdminClient;

  beforeAll(async () => {
    db = createPrismaClient(await createTestDatabase(`tax-ids-${erpUnderTest.name.includes("Tryton") ? "tryton" : "http"}`));
    shopify = await startShopifyEmulator({
      app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
      shops: [DEMO_SHOP],
    });
    erp = await erpUnderTest.start();
    await seedSandbox(db, key, DEMO_SHOP);
    erpId = (await saveErpConnection(db, new SecretBox(key), shop, erp.input)).id;
    await saveErpLegalSettings(db, shop, {
      connectionId: erpId,
      readCheckoutFields: "on",
      readCompanies: "on",
      taxIdKey: "Partita IVA",
      sdiCodeKey: "Codice SDI",
    });
    await db.shopSettings.upsert({ where: { shop }, create: { shop, ordersToErp: "all" }, update: { ordersToErp: "all" } });
    client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
  }, 180_000);
  afterAll(async () => {
    await shopify?.close();
    await erp?.stop();
    await db?.$disconnect();
  });

  async function placeAndExport(order: Record<string, unknown>) {
    const response = await fetch(`${shopify.url}/_control/shops/${shop}/orders`, {
      method: "POST",
      body: JSON.stringify({ lines: [line], ...order }),
    });
    const placed = (await response.json()) as { id: string; name: string };
    await reconcileOrders(db, client, shop);
    const outcome = await exportSnapshotToErp({ db, box: new SecretBox(key), shopify: async () => client }, shop, placed.id);
    expect(outcome).toMatchObject({ status: "exported" });
    const record = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: placed.id } } });
    const sale = await erp.adapter.getSalesOrder(erpRecordId("sale", record.erpOrderId!));
    const customer = await erp.adapter.getCustomer(sale!.customerId);
    return { id: placed.id, saleId: record.erpOrderId!, customer: customer! };
  }

  it("an Italian buyer's codice fiscale and PEC from the checkout become the customer's identifier and PEC", async () => {
    const { customer } = await placeAndExport({
      customer: { email: "mario.rossi@example.it", firstName: "Mario", lastName: "Rossi" },
      shippingAddress: address("IT", "Milano"),
      localizedFields: [
        { key: "TAX_CREDENTIAL_IT", value: "rssmra85t10a562s" },
        { key: "TAX_EMAIL_IT", value: "mario.rossi@pec.it" },
      ],
    });
    expect(customer.taxIdentifiers).toEqual([{ type: "it_codicefiscale", value: "RSSMRA85T10A562S", valid: true }]);
    expect(customer.pec).toBe("mario.rossi@pec.it");
  });

  it("a company's partita IVA and SDI code from note attributes; its next order from another email goes to the same customer", async () => {
    const company = {
      shippingAddress: { ...address("IT", "Torino"), company: "Bottega Rossi S.r.l." },
      attributes: [
        { key: "Partita IVA", value: "IT 00743110157" },
        { key: "Codice SDI", value: "m5uxcr1" },
      ],
    };
    const first = await placeAndExport({ customer: { email: "acquisti@bottegarossi.it", firstName: "Anna", lastName: "Bianchi" }, ...company });
    expect(first.customer.taxIdentifiers).toEqual([{ type: "it_iva", value: "00743110157", valid: true }]);
    expect(first.customer.sdiCode).toBe("M5UXCR1");
    const second = await placeAndExport({ customer: { email: "magazzino@bottegarossi.it", firstName: "Luca", lastName: "Verdi" }, ...company });
    expect(second.customer.id).toBe(first.customer.id);
  });

  it("a Brazilian CPF from the checkout, and a B2B company's CNPJ", async () => {
    const person = await placeAndExport({
      customer: { email: "joao@example.com.br", firstName: "João", lastName: "Silva" },
      shippingAddress: address("BR", "São Paulo"),
      localizedFields: [{ key: "TAX_CREDENTIAL_BR", value: "390.533.447-05" }],
    });
    expect(person.customer.taxIdentifiers).toEqual([{ type: "br_cpf", value: "39053344705", valid: true }]);
    const company = await placeAndExport({
      customer: { email: "compras@padaria.example.com.br", firstName: "Maria", lastName: "Souza" },
      shippingAddress: address("BR", "Campinas"),
      company: { name: "Padaria Boa Vista Ltda", taxRegistrationId: "16.727.230/0001-97", countryCode: "BR" },
    });
    expect(company.customer.taxIdentifiers).toEqual([{ type: "br_cnpj", value: "16727230000197", valid: true }]);
  });

  it("a Polish B2B company's NIP", async () => {
    const { customer } = await placeAndExport({
      customer: { email: "zakupy@kawiarnia.example.pl", firstName: "Jan", lastName: "Kowalski" },
      shippingAddress: address("PL", "Kraków"),
      company: { name: "Kawiarnia Sp. z o.o.", taxRegistrationId: "PL 856-734-62-15", countryCode: "PL" },
    });
    expect(customer.taxIdentifiers).toEqual([{ type: "pl_nip", value: "8567346215", valid: true }]);
  });

  it("a codice fiscale whose check letter is wrong is kept on the order with what is wrong, and not sent; the order goes", async () => {
    const { id, customer } = await placeAndExport({
      customer: { email: "giulia.neri@example.it", firstName: "Giulia", lastName: "Neri" },
      shippingAddress: address("IT", "Roma"),
      localizedFields: [{ key: "TAX_CREDENTIAL_IT", value: "RSSMRA85T10A562T" }],
    });
    expect(customer.taxIdentifiers).toEqual([]);
    const kept = await db.orderLegalData.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: id } } });
    expect(kept.hasProblems).toBe(true);
    expect(legalIdentitySchema.parse(kept.identity).taxIds).toMatchObject([
      { type: "it_codicefiscale", value: "RSSMRA85T10A562T", source: "checkout", problem: "checksum" },
    ]);
  });

  it("an order with nothing of the kind, and nothing Shopify must be asked for, keeps no legal data", async () => {
    const { id, customer } = await placeAndExport({
      customer: { email: "kunde@example.de", firstName: "Lena", lastName: "Vogel" },
      shippingAddress: address("DE", "Berlin"),
    });
    expect(customer.taxIdentifiers).toEqual([]);
    expect(await db.orderLegalData.count({ where: { shop, orderId: id } })).toBe(0);
  });

  it("writes the ERP invoice's number and date on the Shopify order when the status sync sees the sale invoiced", async () => {
    const { id, saleId } = await placeAndExport({
      customer: { email: "fattura@example.it", firstName: "Elena", lastName: "Galli" },
      shippingAddress: address("IT", "Bologna"),
    });
    await erp.invoice(saleId);
    const [target] = await erpsForShop(db, new SecretBox(key), shop);
    await syncErpStatuses({ db, erp: target!.connector, erpId, store: new ShopifyOrderActions(client) }, shop);
    const record = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: id } } });
    expect(record.storeInvoiced).toBe(true);
    expect(record.erpInvoiceNumber).toMatch(/\S/);
    expect(record.storeInvoiceNumber).toBe(record.erpInvoiceNumber);
    const metafields = await client.requestBuilt(
      `query ($id: ID!) { order(id: $id) { number: metafield(namespace: "$app", key: "erp_invoice_number") { value }
        date: metafield(namespace: "$app", key: "erp_invoice_date") { value type } tags } }`,
      { id },
      (data) => (data as { order: { number: { value: string } | null; date: { value: string; type: string } | null; tags: string[] } }).order,
    );
    expect(metafields.number?.value).toBe(record.erpInvoiceNumber);
    expect(metafields.date).toEqual({ value: record.erpInvoiceDate, type: "date" });
    expect(metafields.tags).toContain("erp-invoiced");
  });
});
