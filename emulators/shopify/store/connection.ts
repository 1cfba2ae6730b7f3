/**
 * Relay connections as Shopify's Admin API pages them: first/last with
 * after/before cursors, nodes and edges, pageInfo. Cursors are opaque
 * base64 of the item's position key.
 */
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  /** Set by bulk operations, whose connections have no page size limit. */
  __bulk?: boolean;
}

export const MAX_PAGE_SIZE = 250;

const encodeCursor = (key: string) => Buffer.from(JSON.stringify({ k: key })).toString("base64url");
const decodeCursor = (cursor: string): string => {
  try {
    return (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { k: string }).k;
  } catch {
    throw new GraphQLError(`Invalid cursor: ${cursor}`, { extensions: { code: "BAD_REQUEST" } });
  }
};

export function connection<T>(all: T[], args: ConnectionArgs, keyOf: (item: T) => string) {
  if (args.first == null && args.last == null) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  const size = args.first ?? args.last ?? 0;
  if (size > MAX_PAGE_SIZE && !args.__bulk) {
    throw new GraphQLError(`The value for first or last must be at most ${MAX_PAGE_SIZE}`, { extensions: { code: "BAD_REQUEST" } });
  }
  let items = args.reverse ? [...all].reverse() : all;
  if (args.after) {
    const key = decodeCursor(args.after);
    const index = items.findIndex((item) => keyOf(item) === key);
    items = items.slice(index + 1);
  }
  if (args.before) {
    const key = decodeCursor(args.before);
    const index = items.findIndex((item) => keyOf(item) === key);
    items = index >= 0 ? items.slice(0, index) : items;
  }
  const page = args.first != null ? items.slice(0, args.first) : items.slice(Math.max(0, items.length - (args.last ?? 0)));
  const edges = page.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return {
    nodes: page,
    edges,
    pageInfo: {
      hasNextPage: args.first != null ? items.length > page.length : false,
      hasPreviousPage: args.last != null ? items.length > page.length : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
