import { sessionShop } from "../services/ids";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StockHistoryPage } from "../components/catalog/StockHistoryPage";
import db from "../db.server";
import { listStockChanges, stockHistoryQuerySchema } from "../services/catalog/stock-history.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = stockHistoryQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const query = parsed.success ? parsed.data : stockHistoryQuerySchema.parse({});
  return { query, changes: await listStockChanges(db, sessionShop(session), query) };
};

export default function StockHistory() {
  const { query, changes } = useLoaderData<typeof loader>();
  return <StockHistoryPage query={query} changes={changes} />;
}
