/**
 * The ERP adapter contract: the same tests for every ErpConnector (the
 * generic HTTP ERP over its emulator, and Tryton 6.0).
 * An implementation passes it or is not an ERP adapter.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ErpRefusedError, type ErpConnector } from "../../app/services/erp/erp-connector";
import { erpRecordId } from "../../app/services/ids";

export interface ErpContractSubject {
  name: string;
  createAdapter(): ErpConnector;
  /** Moves a sale on in the ERP the way its users would (ships and invoices it). */
  ship(orderId: string): Promise<void>;
  invoice(orderId: string): Promise<void>;
  /** What the ERP's users do to sell a new product online: create it and offer it to e-commerce. */
  offerToEcommerce(product: { sku: string; name: string; listPrice: string; costPrice: string }): Promise<void>;
  /** A stock move: `quantity` more of the SKU in the first warehouse the ERP lists. */
  receiveStock(sku: string, quantity: number): Promise<void>;
  /** What the ERP's users do to open another warehouse; its id. */
  addWarehouse(name: string): Promise<string>;
  /** The names of the categories the article of this SKU is filed under, as the ERP's users see them. */
  categoriesOf(sku: string): Promise<string[]>;
  /** How many categories of this name the ERP has. */
  categoriesNamed(name: string): Promise<number>;
}

const address = { name: "Giulia Rossi", street: "Via Torino 12", city: "Milano", zip: "20123", countryCode: "IT" };
/** An address with everything Shopify gives: company, both street lines, province, phone; for invoices only. */
const fullAddress = {
  name: "Jean Tremblay",
  company: "Tremblay Inc.",
  street: "960 Rue Sainte-Catherine",
  street2: "Bureau 801",
  city: "Montréal",
  province: "Quebec",
  provinceCode: "QC",
  zip: "H3B 1E7",
  countryCode: "CA",
  phone: "+1 514 555 0101",
};

export function erpAdapterContract(subject: ErpContractSubject): void {
  describe(`ERP adapter contract: ${subject.name}`, () => {
    const erp = () => subject.createAdapter();

    it("answers a connection check", async () => {
      expect((await erp().testConnection()).ok).toBe(true);
    });

    it("creates a customer and finds it by Shopify reference and by email", async () => {
      const ref = `gid://shopify/Customer/${Date.now()}`;
      const email = `${randomUUID()}@example.it`;
      const created = await erp().createCustomer({ name: "Giulia Rossi", email, externalRef: ref, addresses: [address] });
      expect(await erp().findCustomer({ externalRef: ref })).toEqual(created);
      expect((await erp().findCustomer({ email: email.toUpperCase() }))?.id).toBe(created.id);
      expect(await erp().findCustomer({ email: `${randomUUID()}@nowhere.example` })).toBeNull();
      const updated = await erp().updateCustomer(created.id, { name: "Giulia Rossi Bianchi" });
      expect(updated.name).toBe("Giulia Rossi Bianchi");
    });

    it("updates a customer's name and email and adds a new address, never removing one", async () => {
      const email = `${randomUUID()}@example.it`;
      const created = await erp().createCustomer({ name: "Paolo Neri", email, externalRef: null, addresses: [address] });
      const moved = { name: "Paolo Neri", street: "Corso Francia 3", city: "Torino", zip: "10138", countryCode: "IT" };
      const newEmail = `${randomUUID()}@example.it`;
      const updated = await erp().updateCustomer(created.id, { name: "Paolo Neri Blu", email: newEmail, addresses: [moved, address] });
      expect(updated).toMatchObject({ id: created.id, name: "Paolo Neri Blu", email: newEmail });
      expect(updated.addresses).toEqual(expect.arrayContaining([expect.objectContaining(address), expect.objectContaining(moved)]));
      expect(updated.addresses).toHaveLength(2);
      expect((await erp().findCustomer({ email: newEmail }))?.id).toBe(created.id);
      expect(await erp().findCustomer({ email })).toBeNull();
    });

    it("keeps a customer's tax ids, PEC and SDI code, finds it by a tax id, and adds the ids it lacks", async () => {
      const created = await erp().createCustomer({
        name: "Bottega Rossi S.r.l.",
        email: `${randomUUID()}@example.it`,
        externalRef: null,
        addresses: [address],
        taxIdentifiers: [
          { type: "it_iva", value: "00743110157" },
          { type: "it_codicefiscale", value: "RSSMRA85T10A562S" },
        ],
        pec: "bottega.rossi@pec.it",
        sdiCode: "M5UXCR1",
      });
      expect(created.taxIdentifiers).toEqual(
        expect.arrayContaining([
          { type: "it_iva", value: "00743110157", valid: true },
          { type: "it_codicefiscale", value: "RSSMRA85T10A562S", valid: true },
        ]),
      );
      expect(created).toMatchObject({ pec: "bottega.rossi@pec.it", sdiCode: "M5UXCR1" });
      expect((await erp().findCustomer({ taxId: { type: "it_iva", value: "00743110157" } }))?.id).toBe(created.id);
      expect(await erp().findCustomer({ taxId: { type: "pl_nip", value: "00743110157" } })).toBeNull();
      expect(await erp().findCustomer({ taxId: { type: "it_iva", value: "01234567897" } })).toBeNull();

      const updated = await erp().updateCustomer(created.id, {
        taxIdentifiers: [
          { type: "it_iva", value: "00743110157" },
          { type: "eu_vat", value: "DE136695976" },
        ],
        pec: "amministrazione@pec.bottegarossi.it",
      });
      expect(updated.taxIdentifiers).toHaveLength(3);
      expect(updated.taxIdentifiers).toEqual(expect.arrayContaining([{ type: "eu_vat", value: "DE136695976", valid: true }]));
      expect(updated).toMatchObject({ pec: "amministrazione@pec.bottegarossi.it", sdiCode: "M5UXCR1", email: created.email });
      expect((await erp().findCustomer({ email: created.email! }))?.id).toBe(created.id);
    });

    it("keeps, without refusing the customer, a tax id that failed its check when it is sent", async () => {
      const created = await erp().createCustomer({
        name: "Mario Rossi",
        email: null,
        externalRef: `gid://shopify/Customer/${Date.now()}`,
        addresses: [],
        taxIdentifiers: [{ type: "it_codicefiscale", value: "RSSMRA85T10A562T", valid: false }],
      });
      expect(created.id).toBeTruthy();
      expect(created.externalRef).toMatch(/^gid:\/\/shopify\/Customer\//);
      // Never matched by an id that failed its check: Ponte only looks customers up by checked ids.
      expect(created.taxIdentifiers.filter((id) => id.valid)).toEqual([]);
    });

    it("keeps a customer's whole address (company, both street lines, province, phone) and what each address is for", async () => {
      const email = `${randomUUID()}@example.ca`;
      const created = await erp().createCustomer({
        name: "Jean Tremblay",
        email,
        phone: "+1 514 555 0100",
        externalRef: null,
        addresses: [
          { ...fullAddress, invoice: true, delivery: false },
          { ...address, invoice: false, delivery: true },
        ],
      });
      // An ERP may write the number its own way (Tryton: "+1 514-555-0100").
      expect(created.phone?.replace(/\D/g, "")).toBe("15145550100");
      const { phone: _phone, ...kept } = fullAddress;
      expect(created.addresses).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ...kept, invoice: true, delivery: false }),
          expect.objectContaining({ ...address, invoice: false, delivery: true }),
        ]),
      );
    });

    it("books each tax of a line apart (GST and QST on one line) and answers the sale's total and tax as it computed them", async () => {
      const customer = await erp().createCustomer({ name: "Québec client", email: null, externalRef: null, addresses: [fullAddress] });
      const article = await erp().createArticle({ sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Sticker", listPrice: "35.00" });
      const taxes = [
        { title: "GST", rate: "5", amount: "3.50" },
        { title: "QST", rate: "9.975", amount: "6.98" },
      ];
      await erp().checkCanBook({ currency: "CAD", taxes });
      const sale = await erp().createSalesOrder({
        reference: `contract-taxes #${Date.now()}`,
        shopifyName: "#1007",
        customerId: customer.id,
        currency: "CAD",
        lines: [{ articleId: article.id, description: "Sticker", quantity: 2, unitPrice: "35.00", discount: "0", taxes }],
        shippingAddress: fullAddress,
        billingAddress: null,
        note: null,
      });
      // 70.00 + 5% (3.50) + 9.975% (6.98), each tax apart: summed into one 14.975% rate it would be the same here, but 29.95% if counted twice
      expect(sale).toMatchObject({ currency: "CAD", total: "80.48", tax: "10.48" });
    });

    it("refuses, before anything is created, a sale in a currency it does not book", async () => {
      const refused = await erp()
        .checkCanBook({ currency: "XAF", taxes: [] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ErpRefusedError);
      expect((refused as ErpRefusedError).message).toMatch(/XAF/);
    });

    it("creates an article with an automatic code and finds it by SKU", async () => {
      const sku = `SKU-${randomUUID().slice(0, 8)}`;
      expect(await erp().findArticleBySku(sku)).toBeNull();
      const article = await erp().createArticle({ sku, name: "Tazzina", listPrice: "7.00" });
      expect(article.code).toMatch(/\S/);
      expect(await erp().findArticleBySku(sku)).toEqual(article);
    });

    it("files a new article under the category it names, making that category once", async () => {
      const category = `Tazze ${randomUUID().slice(0, 8)}`;
      const [first, second] = [`SKU-${randomUUID().slice(0, 8)}`, `SKU-${randomUUID().slice(0, 8)}`];
      await erp().createArticle({ sku: first, name: "Tazza grande", listPrice: "9.00", category });
      await erp().createArticle({ sku: second, name: "Tazza piccola", listPrice: "7.00", category });
      expect(await subject.categoriesOf(first)).toEqual([category]);
      expect(await subject.categoriesOf(second)).toEqual([category]);
      expect(await subject.categoriesNamed(category)).toBe(1);
      // No category named: none given.
      const plain = `SKU-${randomUUID().slice(0, 8)}`;
      await erp().createArticle({ sku: plain, name: "Piattino", listPrice: "3.00" });
      expect(await subject.categoriesOf(plain)).toEqual([]);
    });

    it("makes a warehouse for a store location's name once, and finds it the next time", async () => {
      const name = `Negozio ${randomUUID().slice(0, 8)}`;
      const first = await erp().ensureWarehouse(name);
      expect(first).toEqual({ warehouse: { id: expect.any(String), name }, made: true });
      expect(await erp().ensureWarehouse(name)).toEqual({ warehouse: first.warehouse, made: false });
    });

    it("makes one sale per reference: a second creation is refused, the first is found by its reference", async () => {
      const customer = await erp().createCustomer({ name: "Marco Bianchi", email: null, externalRef: null, addresses: [address] });
      const article = await erp().createArticle({ sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Moka", listPrice: "29.00" });
      const reference = `#${Date.now()}`;
      const order = {
        reference,
        customerId: customer.id,
        currency: "EUR",
        lines: [{ articleId: article.id, description: "Moka", quantity: 2, unitPrice: "29.00", discount: "5.80" }],
        shippingAddress: address,
        note: null,
      };
      const sale = await erp().createSalesOrder(order);
      expect(sale).toMatchObject({ reference, customerId: customer.id, currency: "EUR", total: "52.20" });
      const again = await erp()
        .createSalesOrder(order)
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ErpRefusedError);
      expect(await erp().findSalesOrderByReference(reference)).toEqual(sale);
      expect(await erp().getSalesOrder(sale.id)).toEqual(sale);
      expect(await erp().getSalesOrder(erpRecordId("sale", "no-such-sale"))).toBeNull();
    });

    it("books one credit note per reference on a sale: goods back into the warehouse a line names, money-only lines moving nothing", async () => {
      const customer = await erp().createCustomer({ name: "Paola Verdi", email: null, externalRef: null, addresses: [address] });
      const article = await erp().createArticle({ sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Moka", listPrice: "29.00" });
      const [warehouse] = await erp().listWarehouses();
      const sale = await erp().createSalesOrder({
        reference: `#${Date.now()}-cn`,
        customerId: customer.id,
        currency: "EUR",
        lines: [
          { articleId: article.id, description: "Moka", quantity: 3, unitPrice: "29.00", taxes: [{ title: "IVA", rate: "22", amount: "19.14" }] },
        ],
        shippingAddress: address,
        note: null,
      });
      const reference = `${sale.reference}/R1`;
      expect(await erp().findCreditNoteByReference(reference)).toBeNull();
      const note = {
        reference,
        saleId: sale.id,
        customerId: customer.id,
        currency: "EUR",
        note: "Shopify #1001, refund 1",
        lines: [
          {
            articleId: article.id,
            description: "Moka",
            quantity: 1,
            unitPrice: "29.00",
            taxes: [{ title: "IVA", rate: "22", amount: "6.38" }],
            restockWarehouseId: warehouse!.id,
          },
          {
            articleId: article.id,
            description: "Moka (kept by the buyer)",
            quantity: 1,
            unitPrice: "10.00",
            taxes: [{ title: "IVA", rate: "22", amount: "2.20" }],
            restockWarehouseId: null,
          },
        ],
      };
      const credit = await erp().createCreditNote(note);
      // Positive amounts, as the ERP computed them: 39.00 net, 8.58 of IVA.
      expect(credit).toMatchObject({ reference, customerId: customer.id, currency: "EUR", total: "47.58", tax: "8.58" });
      expect(credit.lines.map((line) => [line.quantity, line.restockWarehouseId])).toEqual([
        [1, warehouse!.id],
        [1, null],
      ]);
      const again = await erp()
        .createCreditNote(note)
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ErpRefusedError);
      expect(await erp().findCreditNoteByReference(reference)).toEqual(credit);
    });

    it("books a credit note whose goods go back into two warehouses as one note: each line's goods into its own warehouse", async () => {
      const customer = await erp().createCustomer({ name: "Luca Bassi", email: null, externalRef: null, addresses: [address] });
      const article = await erp().createArticle({ sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Moka", listPrice: "29.00" });
      const [first] = await erp().listWarehouses();
      const second = erpRecordId("warehouse", await subject.addWarehouse(`Magazzino ${randomUUID().slice(0, 4)}`));
      const sale = await erp().createSalesOrder({
        reference: `#${Date.now()}-cn2`,
        customerId: customer.id,
        currency: "EUR",
        lines: [{ articleId: article.id, description: "Moka", quantity: 3, unitPrice: "29.00", taxes: [] }],
        shippingAddress: address,
        note: null,
      });
      const reference = `${sale.reference}/R2`;
      const line = { articleId: article.id, description: "Moka", quantity: 1, unitPrice: "29.00", taxes: [] };
      const credit = await erp().createCreditNote({
        reference,
        saleId: sale.id,
        customerId: customer.id,
        currency: "EUR",
        note: "Shopify #1002, refund 2",
        lines: [
          { ...line, restockWarehouseId: first!.id },
          { ...line, quantity: 2, restockWarehouseId: second },
          { ...line, description: "Moka (kept)", unitPrice: "5.00", restockWarehouseId: null },
        ],
      });
      expect(credit).toMatchObject({ reference, total: "92.00" });
      expect(credit.lines.map((l) => [l.quantity, l.restockWarehouseId]).sort()).toEqual(
        [
          [1, first!.id],
          [2, second],
          [1, null],
        ].sort(),
      );
      expect(await erp().findCreditNoteByReference(reference)).toEqual(credit);
    });

    it("carries an edit over to a sale still open to change, and refuses once it has shipped", async () => {
      const customer = await erp().createCustomer({ name: "Marco Blu", email: null, externalRef: null, addresses: [] });
      const article = await erp().createArticle({ sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Tè verde", listPrice: "4.00" });
      const reference = `#u${Date.now()}`;
      const order = {
        reference,
        customerId: customer.id,
        currency: "EUR",
        lines: [{ articleId: article.id, description: "Tè verde", quantity: 1, unitPrice: "4.00" }],
        shippingAddress: null,
        note: null,
      };
      const sale = await erp().createSalesOrder(order);
      const edited = await erp().updateSalesOrder(sale.id, {
        ...order,
        lines: [{ ...order.lines[0]!, quantity: 3 }],
        shippingAddress: address,
        note: "edited",
      });
      expect(edited).toMatchObject({ id: sale.id, reference, total: "12.00", lines: [{ articleId: article.id, quantity: 3, unitPrice: "4.00" }] });
      expect(await erp().findSalesOrderByReference(reference)).toEqual(edited);

      await subject.ship(sale.id);
      const refused = await erp()
        .updateSalesOrder(sale.id, order)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ErpRefusedError);
      expect((await erp().getSalesOrder(sale.id))?.total).toBe("12.00");
    });

    it("cancels a confirmed sale, and refuses once it is invoiced", async () => {
      const customer = await erp().createCustomer({ name: "Anna Neri", email: null, externalRef: null, addresses: [] });
      const article = await erp().createArticle({ sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Caffè", listPrice: "5.40" });
      const line = { articleId: article.id, description: "Caffè", quantity: 1, unitPrice: "5.40" };
      const first = await erp().createSalesOrder({
        reference: `#c${Date.now()}`,
        customerId: customer.id,
        currency: "EUR",
        lines: [line],
        shippingAddress: null,
        note: null,
      });
      expect((await erp().cancelSalesOrder(first.id)).state).toBe("cancelled");

      const second = await erp().createSalesOrder({
        reference: `#i${Date.now()}`,
        customerId: customer.id,
        currency: "EUR",
        lines: [line],
        shippingAddress: null,
        note: null,
      });
      await subject.ship(second.id);
      await subject.invoice(second.id);
      const refused = await erp()
        .cancelSalesOrder(second.id)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ErpRefusedError);
      const invoiced = await erp().getSalesOrder(second.id);
      expect(invoiced?.state).toBe("invoiced");
      // The invoice's number and date come back with the sale, for Ponte to write on the Shopify order.
      expect(invoiced?.invoice?.number).toMatch(/\S/);
      expect(invoiced?.invoice?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((await erp().getSalesOrder(first.id))?.invoice).toBeNull();
    });

    it("offers its e-commerce catalog: products with list and cost prices, their categories, warehouses and stock by SKU", async () => {
      const sku = `ECOM-${Date.now()}`;
      await subject.offerToEcommerce({ sku, name: "Zucchero di canna 500 g", listPrice: "3.50", costPrice: "1.20" });
      const products = await erp().listProducts();
      const offered = products.find((product) => product.variants.some((variant) => variant.sku === sku));
      expect(offered).toMatchObject({ name: "Zucchero di canna 500 g" });
      expect(offered!.variants).toEqual([expect.objectContaining({ sku, price: "3.50", cost: "1.20" })]);
      const categories = new Set((await erp().listCategories()).map((category) => category.id));
      expect(products.every((product) => product.categoryId === null || categories.has(product.categoryId))).toBe(true);
      // An article made for an order only is not offered to e-commerce.
      const article = await erp().createArticle({ sku: `ORDERS-ONLY-${Date.now()}`, name: "Solo ordini", listPrice: "1.00" });
      expect((await erp().listProducts()).some((product) => product.variants.some((variant) => variant.sku === article.sku))).toBe(false);

      const [warehouse] = await erp().listWarehouses();
      expect(warehouse).toMatchObject({ id: expect.any(String), name: expect.any(String) });
      expect((await erp().stockAt(warehouse!.id)).find((level) => level.sku === sku)?.quantity).toBe(0);
      await subject.receiveStock(sku, 7);
      expect((await erp().stockAt(warehouse!.id, products)).find((level) => level.sku === sku)).toEqual({
        variantId: offered!.variants[0]!.id,
        sku,
        quantity: 7,
      });
      // The same catalog and stock a page at a time, for work whose memory must not grow with the catalog.
      const paged = [];
      for await (const page of erp().productPages()) paged.push(...page);
      expect(paged).toEqual(products);
      const pagedLevels = [];
      for await (const page of erp().stockPages([warehouse!.id])) pagedLevels.push(...page.levels);
      expect(pagedLevels).toEqual((await erp().stockAt(warehouse!.id)).map((level) => ({ ...level, at: warehouse!.id })));
      expect(pagedLevels.find((level) => level.sku === sku)?.quantity).toBe(7);
    });
  });
}
