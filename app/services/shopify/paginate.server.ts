/**
 * Walks a cursor-paginated Admin API connection page by page, yielding each
 * page's nodes; the document takes `$after` and selects pageInfo { hasNextPage endCursor }.
 */
import type { AdminClient } from "./admin-client.server";

export interface Page<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export async function* paginate<Result, Node>(
  client: AdminClient,
  document: string,
  variables: Record<string, unknown>,
  pick: (result: Result) => Page<Node>,
  costEstimate?: number,
): AsyncGenerator<Node[]> {
  let after: string | null = null;
  for (;;) {
    const page: Page<Node> = pick(await client.request<Result>(document, { ...variables, after }, costEstimate));
    yield page.nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}
