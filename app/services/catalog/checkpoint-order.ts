/**
 * The order the checkpointed catalog walks (first product sync, full resync)
 * take over the source's products: by id, numbers compared as numbers
 * ("9" before "10"). A walk that stopped resumes with the products after its
 * checkpoint. The order is that of each id's key compared byte by byte, so
 * that PostgreSQL (a COLLATE "C" column) walks staged products in the same
 * order as Ponte does in memory.
 */

/** An id's sort key: every run of digits left-padded with zeros to 20, so that byte order is the numeric order. */
export const checkpointKey = (id: string): string => id.replace(/\d+/g, (digits) => digits.padStart(20, "0"));

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const inCheckpointOrder = <T extends { id: string }>(products: readonly T[]): T[] =>
  products
    .map((product) => ({ product, key: checkpointKey(product.id) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ product }) => product);

export const afterCheckpoint = <T extends { id: string }>(ordered: readonly T[], checkpoint: string | null): T[] => {
  if (!checkpoint) return [...ordered];
  const after = checkpointKey(checkpoint);
  return ordered.filter((product) => checkpointKey(product.id) > after);
};
