/**
 * flowTriggerReceive, as Shopify Flow's trigger reference documents it: the handle names one of the app's Flow trigger
 * extensions (extensions/<name>/shopify.extension.toml, `type = "flow_trigger"`); the payload carries each field the
 * trigger declares (a reference field by its resource's id key, `order_reference` -> `order_id`; a custom field by
 * its key) and nothing else, and is under 50,000 bytes. A trigger received is kept for the control API (what a Flow
 * workflow would start from).
 *
 * ASSUMED: Shopify's exact error sentences; the reference names the rules, not the messages.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { EmulatedShop } from "../state";

export const EXTENSIONS_DIR = path.resolve(import.meta.dirname, "../../../extensions");

export interface FlowTriggerDefinition {
  handle: string;
  /** The payload keys the trigger's fields need: reference fields' id keys, custom fields' keys. */
  keys: string[];
}

/** A reference field's payload key (Flow's trigger reference). */
const REFERENCE_KEYS: Record<string, string> = {
  customer_reference: "customer_id",
  order_reference: "order_id",
  product_reference: "product_id",
};

/** The app's Flow triggers, read from its extensions' TOML (the subset Flow triggers use). */
export function flowTriggersFromExtensions(dir = EXTENSIONS_DIR): FlowTriggerDefinition[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name, "shopify.extension.toml");
    if (!existsSync(file)) return [];
    const toml = readFileSync(file, "utf8");
    if (!/^\s*type = "flow_trigger"/m.test(toml)) return [];
    const handle = /^\s*handle = "([^"]+)"/m.exec(toml)?.[1];
    if (!handle) return [];
    const keys = toml
      .split(/\[\[settings\.fields\]\]/)
      .slice(1)
      .map((field) => {
        const type = /^\s*type = "([^"]+)"/m.exec(field)?.[1] ?? "";
        return REFERENCE_KEYS[type] ?? /^\s*key = "([^"]+)"/m.exec(field)?.[1] ?? "";
      });
    return [{ handle, keys }];
  });
}

export interface ReceivedFlowTrigger {
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

type Refusal = { userErrors: Array<{ field: string[]; message: string }> };
const refuse = (message: string): Refusal => ({ userErrors: [{ field: ["payload"], message }] });

export function flowTriggerReceive(
  shop: EmulatedShop,
  triggers: FlowTriggerDefinition[],
  args: { handle?: string | null; payload?: unknown },
): Refusal {
  const trigger = triggers.find((t) => t.handle === args.handle);
  if (!trigger) return { userErrors: [{ field: ["handle"], message: `Invalid handle '${args.handle ?? ""}'.` }] };
  const payload = (args.payload ?? {}) as Record<string, unknown>;
  if (typeof payload !== "object" || Array.isArray(payload)) return refuse("Payload must be an object.");
  if (Buffer.byteLength(JSON.stringify(payload)) >= 50_000) return refuse("Payload must be under 50000 bytes.");
  const missing = trigger.keys.filter((key) => !(key in payload));
  if (missing.length) return refuse(`Missing payload fields: ${missing.join(", ")}.`);
  const unknown = Object.keys(payload).filter((key) => !trigger.keys.includes(key));
  if (unknown.length) return refuse(`Unknown payload fields: ${unknown.join(", ")}.`);
  if ("order_id" in payload && !shop.orders.orders.has(Number(payload.order_id))) return refuse(`Order ${String(payload.order_id)} does not exist.`);
  shop.flowTriggers.push({ handle: trigger.handle, payload, receivedAt: new Date().toISOString() });
  return { userErrors: [] };
}
