/**
 * A real Tryton 6.0 (Debian's tryton-server) for the integration tests: a
 * fresh SQLite database with the modules Ponte needs, bootstrapped by
 * scripts/tryton/bootstrap.py, served by trytond on a free port. Also the
 * steps a Tryton user takes on a sale (confirm, ship, invoice), through
 * Tryton's own JSON-RPC.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../app/services/database/embedded-database.server";
import { decimal, type TrytonRpc } from "../../app/services/erp/tryton/tryton-rpc.server";

const root = path.resolve(import.meta.dirname, "../..");
const MODULES = ["sale", "stock", "party", "product", "account_invoice", "sale_stock_quantity", "web_shop"];

export interface TrytonServer {
  url: string;
  database: string;
  login: string;
  password: string;
  stop(): Promise<void>;
}

export async function startTryton(): Promise<TrytonServer> {
  if (!existsSync("/usr/bin/trytond")) throw new Error("Tryton is not installed: apt-get install tryton-server and its modules (see .ci/run)");
  const dir = mkdtempSync(path.join(tmpdir(), "ponte-tryton-"));
  chmodSync(dir, 0o755);
  const database = "ponte";
  const password = "ponte-tryton-admin";
  const port = await freePort();
  const config = path.join(dir, "trytond.conf");
  writeFileSync(config, `[database]\nuri = sqlite://\npath = ${dir}\n[web]\nlisten = 127.0.0.1:${port}\n`);
  writeFileSync(path.join(dir, `${database}.sqlite`), "");
  writeFileSync(path.join(dir, "password"), password);
  const admin = spawnSync(
    "trytond-admin",
    ["-c", config, "-d", database, "--all", "-u", ...MODULES, "--activate-dependencies", "--email", "admin@example.com"],
    {
      env: { ...process.env, TRYTONPASSFILE: path.join(dir, "password") },
      encoding: "utf8",
    },
  );
  if (admin.status !== 0) throw new Error(`trytond-admin failed:\n${admin.stderr}`);
  const bootstrap = spawnSync("/usr/bin/python3", [path.join(root, "scripts/tryton/bootstrap.py"), config, database], {
    env: { ...process.env, DB_NAME: database },
    encoding: "utf8",
  });
  if (bootstrap.status !== 0) throw new Error(`Tryton bootstrap failed:\n${bootstrap.stderr}`);

  const server: ChildProcess = spawn("trytond", ["-c", config], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${url}/`, { method: "POST", body: "{}" }).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error("trytond did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    database,
    login: "admin",
    password,
    async stop() {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a Tryton user does to ship a quoted sale: confirm, process, and send its shipments. */
export async function shipInTryton(rpc: TrytonRpc, saleId: number): Promise<void> {
  await rpc.modelAcceptingWarnings("sale.sale", "confirm", [saleId]);
  await rpc.modelAcceptingWarnings("sale.sale", "process", [saleId]);
  const [sale] = await rpc.model<Array<{ shipments: number[] }>>("sale.sale", "read", [saleId], ["shipments"]);
  const shipments = sale!.shipments;
  for (const step of ["assign_force", "pick", "pack", "done"]) await rpc.modelAcceptingWarnings("stock.shipment.out", step, shipments);
}

/** What a Tryton user does to invoice a processed sale: post its invoices. */
export async function invoiceInTryton(rpc: TrytonRpc, saleId: number): Promise<void> {
  const [sale] = await rpc.model<Array<{ invoices: number[] }>>("sale.sale", "read", [saleId], ["invoices"]);
  await rpc.modelAcceptingWarnings("account.invoice", "post", sale!.invoices);
}

/** What a Tryton user does to sell a new product online: create it (list and cost price) and publish it in the web shop. */
export async function offerInTryton(rpc: TrytonRpc, product: { sku: string; name: string; listPrice: string; costPrice: string }): Promise<void> {
  const [unit] = await rpc.model<number[]>("product.uom", "search", [["symbol", "=", "u"]], 0, 1, null);
  const [templateId] = await rpc.model<number[]>("product.template", "create", [
    {
      name: product.name,
      type: "goods",
      salable: true,
      default_uom: unit,
      sale_uom: unit,
      code: product.sku,
      list_price: decimal(product.listPrice),
      products: [["create", [{ suffix_code: "" }]]],
    },
  ]);
  const [template] = await rpc.model<Array<{ products: number[] }>>("product.template", "read", [templateId], ["products"]);
  const productId = template!.products[0]!;
  await rpc.model("product.product", "write", [productId], { cost_price: decimal(product.costPrice) });
  const [shop] = await rpc.model<number[]>("web.shop", "search", [], 0, 1, [["id", "ASC"]]);
  await rpc.model("web.shop", "write", [shop], { products: [["add", [productId]]] });
}

/** What a stock move does: `quantity` more of the SKU in the web shop's warehouse (from lost and found, done). */
export async function receiveStockInTryton(rpc: TrytonRpc, sku: string, quantity: number): Promise<void> {
  const [product] = await rpc.model<Array<{ id: number; default_uom: number }>>("product.product", "search_read", [["code", "=", sku]], 0, 1, null, [
    "default_uom",
  ]);
  const [shop] = await rpc.model<Array<{ warehouses: number[] }>>("web.shop", "search_read", [], 0, 1, [["id", "ASC"]], ["warehouses"]);
  const [warehouse] = await rpc.model<Array<{ storage_location: number }>>("stock.location", "read", [shop!.warehouses[0]!], ["storage_location"]);
  const [lostFound] = await rpc.model<number[]>("stock.location", "search", [["type", "=", "lost_found"]], 0, 1, null);
  const [company] = await rpc.model<number[]>("company.company", "search", [], 0, 1, null);
  const [move] = await rpc.model<number[]>("stock.move", "create", [
    { product: product!.id, uom: product!.default_uom, quantity, from_location: lostFound, to_location: warehouse!.storage_location, company },
  ]);
  await rpc.modelAcceptingWarnings("stock.move", "do", [move]);
}

/** What Tryton's users do to open a second warehouse: its input, output and storage locations under it. */
export async function addWarehouseInTryton(rpc: TrytonRpc, name: string): Promise<number> {
  const [input, output, storage] = await rpc.model<number[]>("stock.location", "create", [
    { name: `${name} Input`, type: "storage" },
    { name: `${name} Output`, type: "storage" },
    { name: `${name} Storage`, type: "storage" },
  ]);
  const [warehouse] = await rpc.model<number[]>("stock.location", "create", [
    { name, type: "warehouse", input_location: input, output_location: output, storage_location: storage },
  ]);
  await rpc.model("stock.location", "write", [input, output, storage], { parent: warehouse });
  return warehouse!;
}
