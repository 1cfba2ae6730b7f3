import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ZodError } from "zod";
import { ErpPage, type ErpActionResult } from "../components/erp/ErpPage";
import db from "../db.server";
import {
  listErpConnections,
  removeErpConnection,
  saveErpBooking,
  saveErpConnection,
  testErpConnectionInput,
} from "../services/erp/erp-connections.server";
import { FormRefusal } from "../services/forms/form-refusal";
import { saveErpLegalSettings } from "../services/erp/erp-legal-settings.server";
import { saveErpRefundsMode } from "../services/erp/erp-refund-settings.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { enqueueCustomerSync, enqueueOrderExport } from "../services/jobs/shop-jobs.server";
import { readShopSettings, saveShopSettings } from "../services/shops/shop-settings.server";
import { ordersWaitingForErp } from "../services/sync/orders/orders-awaiting-export.server";
import { authenticate, secretBox } from "../shopify.server";
import { sessionShop, type ShopDomain } from "../services/ids";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return {
    connections: await listErpConnections(db, secretBox, sessionShop(session)),
    settings: await readShopSettings(db, sessionShop(session)),
  };
};

const fieldErrors = (error: ZodError) => Object.fromEntries(error.issues.map((issue) => [String(issue.path[0] ?? "form"), issue.message]));

/** Orders held for the ERP (or for payment) go once the connection or the rule changes. */
async function queueHeldOrders(shop: ShopDomain): Promise<number> {
  const queue = jobQueue();
  const held = await ordersWaitingForErp(db, shop);
  for (const orderId of held) await enqueueOrderExport(queue, shop, orderId);
  return held.length;
}

export const action = async ({ request }: ActionFunctionArgs): Promise<ErpActionResult> => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const { intent, ...values } = form;
  try {
    if (intent === "test") return { intent, check: await testErpConnectionInput(db, secretBox, sessionShop(session), values) };
    if (intent === "save") {
      const connection = await saveErpConnection(db, secretBox, sessionShop(session), values);
      return { intent, saved: connection, queued: await queueHeldOrders(sessionShop(session)) };
    }
    if (intent === "remove") {
      await removeErpConnection(db, sessionShop(session), String(values.connectionId ?? ""));
      return { intent, removed: String(values.name ?? "") };
    }
    if (intent === "sync-customers") {
      await enqueueCustomerSync(jobQueue(), sessionShop(session));
      return { intent, customersQueued: true };
    }
    if (intent === "booking") return { intent, booking: await saveErpBooking(db, secretBox, sessionShop(session), values) };
    if (intent === "legal") return { intent, legal: await saveErpLegalSettings(db, sessionShop(session), values) };
    if (intent === "refunds") return { intent, refunds: await saveErpRefundsMode(db, sessionShop(session), values) };
    if (intent === "settings") {
      const settings = await saveShopSettings(db, sessionShop(session), values);
      return { intent, settings, queued: await queueHeldOrders(sessionShop(session)) };
    }
  } catch (error) {
    if (error instanceof ZodError) return { intent: String(intent), errors: fieldErrors(error) };
    if (error instanceof FormRefusal) return { intent: String(intent), errors: { [error.field]: error.said } };
    throw error;
  }
  return { intent: String(intent), errors: { form: "errors.unknownRequest" } };
};

export default function Erp() {
  const { connections, settings } = useLoaderData<typeof loader>();
  return <ErpPage connections={connections} settings={settings} />;
}
