/** Shopify global ids (gid://shopify/Type/N) and their numeric legacy ids. */
export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

export function legacyId(globalId: string): number {
  const match = /^gid:\/\/shopify\/\w+\/(\d+)$/.exec(globalId);
  if (!match) throw new Error(`not a Shopify global id: ${globalId}`);
  return Number(match[1]);
}

export class IdSequence {
  private next = 1001;
  take(): number {
    return this.next++;
  }
}
