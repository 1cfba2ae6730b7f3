/**
 * A table read a page at a time by key (`where key > last ... order by key limit n`): the shared loop behind every
 * walk that must not hold a whole catalog. `read` gives the rows after a key (all from the start with null), in key
 * order, at most `pageSize`; a short page is the last.
 */
export async function* keysetPages<T>(
  read: (after: string | null, pageSize: number) => Promise<T[]>,
  keyOf: (row: T) => string,
  pageSize: number,
  from: string | null = null,
): AsyncGenerator<T[]> {
  for (let after = from; ;) {
    const rows = await read(after, pageSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}
