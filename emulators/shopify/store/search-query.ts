/**
 * The part of Shopify's search syntax Ponte uses in `query:` arguments:
 * space-separated terms `field:value`, `field:>value`, `field:>=value`,
 * `field:<value`, `field:<=value`; values may be quoted. Terms are ANDed.
 */
export interface SearchTerm {
  field: string;
  op: "=" | ">" | ">=" | "<" | "<=";
  value: string;
}

export function parseSearchQuery(query: string | null | undefined): SearchTerm[] {
  if (!query?.trim()) return [];
  const terms: SearchTerm[] = [];
  for (const match of query.matchAll(/(\w+):(>=|<=|>|<)?("([^"]*)"|'([^']*)'|\S+)/g)) {
    const value = match[4] ?? match[5] ?? match[3] ?? "";
    terms.push({ field: match[1]!, op: (match[2] as SearchTerm["op"]) ?? "=", value });
  }
  return terms;
}

export function matchesTerms(terms: SearchTerm[], fieldValue: (field: string) => string | number | null | undefined): boolean {
  return terms.every((term) => {
    const actual = fieldValue(term.field);
    if (actual === undefined) return true; // unknown fields are ignored, as Shopify ignores unsupported filters
    if (actual === null) return false;
    const isDate = typeof actual === "string" && /^\d{4}-\d{2}-\d{2}/.test(actual);
    const left = isDate ? Date.parse(actual) : typeof actual === "number" ? actual : String(actual).toLowerCase();
    const right = isDate ? Date.parse(term.value) : typeof actual === "number" ? Number(term.value) : term.value.toLowerCase();
    switch (term.op) {
      case "=":
        return left === right;
      case ">":
        return left > right;
      case ">=":
        return left >= right;
      case "<":
        return left < right;
      case "<=":
        return left <= right;
    }
  });
}
