/**
 * The corpus of real Shopify orders captured from live stores and published
 * in public repositories (test/fixtures/shopify-orders, each file kept as its
 * repository had it; the README there names the sources). Each file holds
 * its orders in its own way (a JSON file, a JavaScript object literal, a
 * Python string); this reads them out without changing a byte of the order.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import JSON5 from "json5";

export const CORPUS_DIR = path.resolve(import.meta.dirname, "../fixtures/shopify-orders");

export interface CapturedOrder {
  /** The file it came from, and which order of the file. */
  source: string;
  /** The order as Shopify sent it (REST/webhook JSON). */
  payload: Record<string, unknown>;
}

const read = (file: string) => readFileSync(path.join(CORPUS_DIR, file), "utf8");

/** The text between the first "{" and the last "}": the object literal of a .js file (JSON is one too). */
function objectLiteral(text: string): unknown {
  return JSON5.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
}

/** The object literal assigned to `const NAME = {...}` in a .js file that goes on with code after it: up to its matching brace. */
function assignedObject(text: string, name: string): unknown {
  const start = text.indexOf(`const ${name} = {`);
  if (start < 0) throw new Error(`no ${name} in the file`);
  const open = text.indexOf("{", start);
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return JSON5.parse(text.slice(open, i + 1));
  }
  throw new Error(`${name} never closes`);
}

/**
 * Some payloads were copied from the Shopify CLI's terminal, where the app's
 * log wraps long lines with the CLI's own prefix ("14:56:06 │ remix │ ") in
 * the middle of the JSON: the prefixes are taken out to join the lines again.
 */
function fromCliLog(text: string): string {
  return text.replace(/\r?\n\d{2}:\d{2}:\d{2} │ +[\w-]+ │ /g, "");
}

/** A Python triple-quoted string assigned to `name`, with Python's escapes undone (only `\\` appears in these files). */
function pythonString(text: string, name: string): string {
  const start = text.indexOf(`${name} = """`);
  if (start < 0) throw new Error(`no ${name} in the file`);
  const body = text.slice(start + name.length + 6, text.indexOf('"""', start + name.length + 6));
  return body.replace(/\\\\/g, "\\");
}

const SOURCES: Array<{ file: string; orders: (text: string) => Array<Record<string, unknown>> }> = [
  {
    file: "karrio-test_workflow_events.py",
    orders: (text) => (JSON.parse(pythonString(text, "SHOPIFY_ORDERS_RESPONSE")) as { orders: Array<Record<string, unknown>> }).orders,
  },
  {
    file: "erp_addons-storage.py",
    orders: (text) => Object.values((JSON.parse(pythonString(text, "STORAGE_STR")) as { order: Record<string, Record<string, unknown>> }).order),
  },
  ...[
    "membi-order_create_no_dis.json",
    "membi-order_create_dis.json",
    "membi-order_create_dis2.js",
    "membi-order_create_dis3.js",
    "membi-order_create_dis4.js",
  ].map((file) => ({
    file,
    orders: (text: string) => [objectLiteral(fromCliLog(text)) as Record<string, unknown>],
  })),
  {
    file: "test-interview-fake-data.js",
    orders: (text) => (objectLiteral(text) as { data: { orders: Array<Record<string, unknown>> } }).data.orders,
  },
  { file: "frameworks-raw-shopify-webhook.json", orders: (text) => [JSON.parse(text) as Record<string, unknown>] },
  { file: "frameworks-generate-payload-BHQ1952.js", orders: (text) => [assignedObject(text, "sampleShopifyOrder") as Record<string, unknown>] },
  {
    file: "frameworks-generate-payload-BURWEB2537-2542.js",
    orders: (text) => ["sampleShopifyOrder1", "sampleShopifyOrder2"].map((name) => assignedObject(text, name) as Record<string, unknown>),
  },
  { file: "bag-server-test-transaction-AUD.js", orders: (text) => [objectLiteral(text) as Record<string, unknown>] },
  { file: "bag-server-test-transaction-USD.js", orders: (text) => [objectLiteral(text) as Record<string, unknown>] },
];

export function capturedOrders(): CapturedOrder[] {
  return SOURCES.flatMap(({ file, orders }) =>
    orders(read(file)).map((payload, n) => ({ source: `${file}#${n + 1} ${String(payload.name)}`, payload })),
  );
}

/** A captured order under ids of its own (order, name and lines) built from `n`: each n is a new order with the same content. */
export function capturedOrderNumbered(captured: Record<string, unknown>, n: number): Record<string, unknown> {
  const id = 7_000_000_000 + n;
  const lines = (captured.line_items as Array<Record<string, unknown>>).map((line, index) => ({
    ...line,
    id: id * 10 + index,
    admin_graphql_api_id: `gid://shopify/LineItem/${id * 10 + index}`,
  }));
  return { ...captured, id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#B${n}`, order_number: n, line_items: lines };
}
