/**
 * The "available" quantity of several (inventory item, location) pairs in one
 * query, one aliased field per pair. Estimated cost: 2 per pair.
 */
export function availableQuantitiesQuery(count: number): string {
  const fields = Array.from(
    { length: count },
    (_, index) => `q${index}: inventoryItem(id: $item${index}) { id inventoryLevel(locationId: $location${index}) { quantities(names: ["available"]) { name quantity } } }`,
  );
  const variables = Array.from({ length: count }, (_, index) => `$item${index}: ID!, $location${index}: ID!`);
  return `#graphql
  query AvailableQuantities(${variables.join(", ")}) {
    ${fields.join("\n    ")}
  }`;
}

export const availableQuantitiesCost = (count: number) => 2 * count;

export type AvailableQuantitiesResult = Record<string, { id: string; inventoryLevel: { quantities: Array<{ name: string; quantity: number }> } | null } | null>;
