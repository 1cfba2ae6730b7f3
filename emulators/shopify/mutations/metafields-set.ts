/**
 * metafieldsSet on orders and customers, as Shopify documents it: at most 25
 * metafields a call, each on an owner that exists; a namespace left out (or
 * `$app`) is the calling app's own (`app--<app id>`); the value must fit its
 * type (the types Ponte writes are checked: text, date, url, number_integer,
 * json); all or nothing: one bad input and none is set.
 */
import { metafieldView } from "../graphql-views";
import { numericIdOf } from "../store/ids";
import type { EmulatedShop } from "../state";

/** The app the emulator stands in for: `$app` resolves to this namespace. */
export const APP_NAMESPACE = "app--ponte";

export function resolveNamespace(namespace: string | null | undefined): string {
  if (!namespace || namespace === "$app") return APP_NAMESPACE;
  return namespace.replace(/^\$app:/, `${APP_NAMESPACE}--`);
}

interface MetafieldsSetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
}

const VALUE_CHECKS: Record<string, (value: string) => boolean> = {
  single_line_text_field: (value) => !value.includes("\n"),
  multi_line_text_field: () => true,
  date: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
  url: (value) => /^(https?|mailto|sms|tel):/.test(value),
  number_integer: (value) => /^-?\d+$/.test(value),
  json: (value) => {
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  },
};

export function metafieldsSet(shop: EmulatedShop, args: { metafields: MetafieldsSetInput[] }) {
  const errors: Array<{ field: string[]; message: string; code: string }> = [];
  if (args.metafields.length > 25)
    errors.push({ field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO" });
  const owners = args.metafields.map((input, n) => {
    const field = (name: string) => ["metafields", String(n), name];
    const order = numericIdOf(input.ownerId, "Order");
    const customer = numericIdOf(input.ownerId, "Customer");
    const product = numericIdOf(input.ownerId, "Product");
    const owner =
      order !== null
        ? shop.orders.orders.get(order)
        : customer !== null
          ? shop.orders.customers.get(customer)
          : product !== null
            ? shop.catalog.products.get(product)
            : undefined;
    if (!owner) errors.push({ field: field("ownerId"), message: "Owner does not exist.", code: "INVALID" });
    if (!input.type) errors.push({ field: field("type"), message: "Type can't be blank.", code: "BLANK" });
    else if (!VALUE_CHECKS[input.type])
      errors.push({ field: field("type"), message: `Type '${input.type}' is not supported by the emulator.`, code: "INVALID_TYPE" });
    else if (!VALUE_CHECKS[input.type]!(input.value))
      errors.push({ field: field("value"), message: `Value is invalid for type ${input.type}.`, code: "INVALID_VALUE" });
    if (input.key.length < 2 || input.key.length > 64 || !/^[A-Za-z0-9_-]+$/.test(input.key))
      errors.push({ field: field("key"), message: "Key is invalid.", code: "INVALID" });
    return owner;
  });
  if (errors.length) return { metafields: [], userErrors: errors };
  const set = args.metafields.map((input, n) =>
    metafieldView(
      input.ownerId,
      shop.orders.setMetafield(owners[n]!, { namespace: resolveNamespace(input.namespace), key: input.key, type: input.type!, value: input.value }),
    ),
  );
  return { metafields: set, userErrors: [] };
}
