/**
 * The order the checkpointed catalog walks (first product sync, full resync)
 * take over the POS's products: by id, numbers compared as numbers. A walk
 * that stopped resumes with the products after its checkpoint.
 */
const compareIds = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

export const inCheckpointOrder = <T extends { id: string }>(products: readonly T[]): T[] => [...products].sort((a, b) => compareIds(a.id, b.id));

export const afterCheckpoint = <T extends { id: string }>(ordered: readonly T[], checkpoint: string | null): T[] =>
  checkpoint ? ordered.filter((product) => compareIds(product.id, checkpoint) > 0) : [...ordered];
