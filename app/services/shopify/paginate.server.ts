/**
 * Walks a cursor-paginated Admin API connection page by page, yielding each
 * page's nodes; the document takes `$after` and selects pageInfo { hasNextPage endCursor }.
 */
import type { AdminClient, AdminDocument, ResultOf, VariablesOf } from "./admin-client.server";

export interface Page<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export async function* paginate<D extends AdminDocument, Node>(
  client: AdminClient,
  document: D,
  variables: Omit<VariablesOf<D>, "after">,
  pick: (result: ResultOf<D>) => Page<Node>,
  costEstimate?: number,
): AsyncGenerator<Node[]> {
  let after: string | null = null;
  for (;;) {
    const pageVariables = { ...variables, after } as VariablesOf<D>; // the one variable added is the document's $after
    const page: Page<Node> = pick(await client.request(document, pageVariables, costEstimate));
    yield page.nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}
