import { z } from "zod";
import { parseAnswer } from "../../../edges/parse-answer";
import type { AvailableQuantityQuery } from "../admin.generated";

/**
 * The "available" quantity of (inventory item, location) pairs. One pair's
 * query is below; availableQuantitiesQuery() repeats its selection under an
 * alias per pair, so several pairs take one request. Estimated cost: 2 per pair.
 */
export const AVAILABLE_QUANTITY = `#graphql
  query AvailableQuantity($item: ID!, $location: ID!) {
    inventoryItem(id: $item) {
      id
      inventoryLevel(locationId: $location) {
        quantities(names: ["available"]) {
          name
          quantity
        }
      }
    }
  }
`;

const SELECTION = AVAILABLE_QUANTITY.slice(
  AVAILABLE_QUANTITY.indexOf("inventoryItem(id:"),
  AVAILABLE_QUANTITY.lastIndexOf("}", AVAILABLE_QUANTITY.lastIndexOf("}") - 1) + 1,
);

export function availableQuantitiesQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, index) => `$item${index}: ID!, $location${index}: ID!`);
  const fields = Array.from(
    { length: count },
    (_, index) => `q${index}: ${SELECTION.replace("$item", `$item${index}`).replace("$location", `$location${index}`)}`,
  );
  return `query AvailableQuantities(${variables.join(", ")}) {\n${fields.join("\n")}\n}`;
}

export const availableQuantitiesCost = (count: number) => 2 * count;

// Each alias (q0, q1…) holds what the one-pair query's inventoryItem holds.
const aliasedItem = z
  .object({
    id: z.string(),
    inventoryLevel: z.object({ quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })) }).nullable(),
  })
  .nullable();
const availableQuantitiesAnswer = z.record(z.string(), aliasedItem);

export const parseAvailableQuantities = (data: unknown): Record<string, AvailableQuantityQuery["inventoryItem"]> =>
  parseAnswer(availableQuantitiesAnswer, data, "Shopify (available quantities)");
