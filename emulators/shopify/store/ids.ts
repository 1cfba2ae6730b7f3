/** Shopify global ids (gid://shopify/Type/N) and their numeric legacy ids. */
export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

export function legacyId(globalId: string): number {
  const match = /^gid:\/\/shopify\/\w+\/(\d+)$/.exec(globalId);
  if (!match) throw new Error(`not a Shopify global id: ${globalId}`);
  return Number(match[1]);
}

/** The numeric id of a global id of the given type, or null when it is not one. */
export function numericIdOf(globalId: string, type: string): number | null {
  if (!globalId.startsWith(`gid://shopify/${type}/`)) return null;
  try {
    return legacyId(globalId);
  } catch {
    return null;
  }
}

export class IdSequence {
  private next = 1001;
  take(): number {
    return this.next++;
  }
  /** The next id it gives, for a saved state. */
  get upcoming(): number {
    return this.next;
  }
  /** Goes on from a saved state: never gives an id it gave before. */
  resumeAt(next: number): void {
    this.next = Math.max(this.next, next);
  }
}

/** A fulfillment line item's id: its fulfillment and its order line (a fulfillment ships each line once). */
export const fulfillmentLineItemId = (fulfillmentId: number, lineItemId: number) => fulfillmentId * 1_000_000 + lineItemId;
/** The fulfillment and order line a fulfillment line item's id names. */
export const fulfillmentLineItemParts = (id: number) => ({ fulfillmentId: Math.floor(id / 1_000_000), lineItemId: id % 1_000_000 });
