/**
 * What Shopify does to a delivery under a subscription's `include_fields` and `filter`
 * (https://shopify.dev/docs/apps/build/webhooks/delivery-filtering, .../customize/modify-payloads):
 *  - include_fields keeps only the listed fields of the payload; a nested field is named with a period
 *    ("variants.price"), and under a list it is kept in every element;
 *  - a filter, in Shopify's search syntax, is evaluated on the payload as it is after the event, and the delivery is
 *    suppressed when it is false. Terms: `field:value`, `field:*` (present), `field:Album*` (prefix),
 *    `field:>5`, `:>=`, `:<`, `:<=`; `true`/`false`; AND (also by a space), OR, NOT (also a leading `-`), parentheses;
 *    a nested field under a list matches when any element does. Text compares without regard to case.
 */

/** The payload with only the listed fields (and, under each, only the nested ones listed). */
export function includeFields(payload: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(payload)) return payload.map((element) => includeFields(element, fields));
  if (typeof payload !== "object" || payload === null) return payload;
  const byTop = new Map<string, string[]>();
  for (const field of fields) {
    const [top, ...rest] = field.split(".");
    const nested = byTop.get(top!) ?? [];
    if (rest.length) nested.push(rest.join("."));
    else nested.push("");
    byTop.set(top!, nested);
  }
  const kept: Record<string, unknown> = {};
  for (const [top, nested] of byTop) {
    if (!(top in payload)) continue;
    const value = (payload as Record<string, unknown>)[top];
    kept[top] = nested.includes("") ? value : includeFields(value, nested);
  }
  return kept;
}

type Node =
  { kind: "and" | "or"; left: Node; right: Node } | { kind: "not"; inner: Node } | { kind: "term"; field: string; op: string; value: string };

/** Whether the payload passes the filter; throws on a filter Shopify would refuse to parse. */
export function passesFilter(payload: unknown, filter: string): boolean {
  const tokens = tokenize(filter);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const parseOr = (): Node => {
    let left = parseAnd();
    while (peek() === "OR") {
      next();
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseNot();
    while (peek() !== undefined && peek() !== "OR" && peek() !== ")") {
      if (peek() === "AND") next();
      left = { kind: "and", left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): Node => {
    if (peek() === "NOT") {
      next();
      return { kind: "not", inner: parseNot() };
    }
    if (peek() === "(") {
      next();
      const inner = parseOr();
      if (next() !== ")") throw new Error(`filter: a parenthesis is not closed in ${JSON.stringify(filter)}`);
      return inner;
    }
    const token = next();
    if (token === undefined) throw new Error(`filter: a term is missing in ${JSON.stringify(filter)}`);
    if (token.startsWith("-")) return { kind: "not", inner: term(token.slice(1)) };
    return term(token);
  };
  const term = (token: string): Node => {
    const match = /^([A-Za-z_][\w.]*):(>=|<=|>|<)?(.*)$/.exec(token);
    if (!match || match[3] === "") throw new Error(`filter: ${JSON.stringify(token)} is not field:value`);
    return { kind: "term", field: match[1]!, op: match[2] ?? ":", value: match[3]!.replace(/^"(.*)"$/, "$1") };
  };
  const tree = parseOr();
  if (at !== tokens.length) throw new Error(`filter: unexpected ${JSON.stringify(tokens[at])} in ${JSON.stringify(filter)}`);
  return evaluate(tree, payload);
}

function tokenize(filter: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(\(|\)|[^\s()"]*"[^"]*"|[^\s()]+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(filter)) !== null) if (match[1]) tokens.push(match[1]);
  return tokens;
}

function evaluate(node: Node, payload: unknown): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, payload) && evaluate(node.right, payload);
    case "or":
      return evaluate(node.left, payload) || evaluate(node.right, payload);
    case "not":
      return !evaluate(node.inner, payload);
    case "term":
      return valuesAt(payload, node.field.split(".")).some((value) => matches(value, node.op, node.value));
  }
}

/** Every value at the path, through lists (any element may match). */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((element) => valuesAt(element, path));
  if (path.length === 0) return value === null || value === undefined ? [] : [value];
  if (typeof value !== "object" || value === null) return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

function matches(actual: unknown, op: string, expected: string): boolean {
  if (op === ":" && expected === "*") return true;
  if (op !== ":") {
    const [a, b] = [Number(actual), Number(expected)];
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
  }
  const text = String(actual).toLowerCase();
  const wanted = expected.toLowerCase();
  if (wanted.endsWith("*")) return text.startsWith(wanted.slice(0, -1));
  if (typeof actual === "number") return actual === Number(expected);
  // A text field holding a comma-separated list (a product's or order's tags) matches any of its items.
  return text === wanted || text.split(/\s*,\s*/).includes(wanted);
}
