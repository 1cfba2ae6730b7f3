// The backend of the order-details block (extensions/order-erp-status): GET the order's ERP and POS status, POST to
// send it again. The block's fetch carries the admin's session token (Authorization: Bearer); authenticate.admin
// checks it and answers the browser's CORS preflight; the token's shop scopes every read and the retry.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import db from "../db.server";
import { matchLocale } from "../i18n/locales";
import { sessionShop, type ShopDomain } from "../services/ids";
import { jobQueue } from "../services/jobs/job-queue.server";
import { enqueueOrderExport } from "../services/jobs/shop-jobs.server";
import { parseShopifyGid } from "../services/shopify/gid";
import { shopLocale } from "../services/shops/shop-locale.server";
import { readOrderStatusBlock } from "../services/sync/orders/order-status-block.server";
import { retryOrderExports } from "../services/sync/orders/retry-order-exports.server";
import { authenticate } from "../shopify.server";

const orderOf = (value: unknown) => (typeof value === "string" ? parseShopifyGid("Order", value) : null);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const orderId = orderOf(params.get("order"));
  if (!orderId) return cors(Response.json({ error: "not an order id" }, { status: 400 }));
  const shop = sessionShop(session);
  const locale = matchLocale(params.get("language")) ?? (await shopLocale(db, shop));
  return cors(Response.json(await readOrderStatusBlock(db, shop, orderId, locale)));
};

const sendAgainSchema = z.object({ order: z.string() });

/** "Send again": the order (and its failed refunds) retried as the Orders page's Retry does. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  const body = sendAgainSchema.safeParse(await request.json().catch(() => null));
  const orderId = body.success ? orderOf(body.data.order) : null;
  if (!orderId) return cors(Response.json({ error: "not an order id" }, { status: 400 }));
  const queue = jobQueue();
  const enqueue = (shop: ShopDomain, id: string) => enqueueOrderExport(queue, shop, id);
  const retried = await retryOrderExports(db, enqueue, sessionShop(session), { orderId });
  return cors(Response.json({ retried }));
};
