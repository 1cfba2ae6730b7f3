import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OrdersPage } from "../components/orders/OrdersPage";
import db from "../db.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { enqueueOrderExport } from "../services/jobs/shop-jobs.server";
import { listOrderSyncStates } from "../services/sync/orders/order-export-list.server";
import { orderListQuerySchema } from "../services/sync/orders/order-sync-states";
import { retryOrderExports } from "../services/sync/orders/retry-order-exports.server";
import { authenticate } from "../shopify.server";
import { readActionForm } from "../services/forms/action-form.server";
import { sessionShop, type ShopDomain } from "../services/ids";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const parsed = orderListQuerySchema.safeParse({
    q: params.get("q") ?? undefined,
    state: params.get("state") ?? undefined,
    page: params.get("page") ?? undefined,
  });
  const query = parsed.success ? parsed.data : orderListQuerySchema.parse({});
  return { query, list: await listOrderSyncStates(db, sessionShop(session), query) };
};

const retrySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), orderId: z.string().min(1) }),
  z.object({ intent: z.literal("retry-all-failed") }),
]);

/** "Retry" (one order) and "Retry all failed". */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const input = await readActionForm(request, retrySchema);
  if (!input) return Response.json({ error: "errors.unknownRequest" }, { status: 400 });
  const queue = jobQueue();
  const enqueue = (shop: ShopDomain, orderId: string) => enqueueOrderExport(queue, shop, orderId);
  const retried = await retryOrderExports(db, enqueue, sessionShop(session), input.intent === "retry" ? { orderId: input.orderId } : "all-failed");
  return { retried };
};

export default function Orders() {
  const { query, list } = useLoaderData<typeof loader>();
  return <OrdersPage query={query} list={list} />;
}
