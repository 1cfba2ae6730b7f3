import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErpImportPage, type ErpImportActionResult } from "../components/erp/ErpImportPage";
import db from "../db.server";
import { previewErpProductImport, saveImportCategoryFrom } from "../services/catalog/erp-product-import-preview.server";
import { listErpConnections } from "../services/erp/erp-connections.server";
import { merchantErrors } from "../services/forms/merchant-errors";
import { startRunNow } from "../services/jobs/built-in-jobs.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { sessionShop } from "../services/ids";
import { AdminClient } from "../services/shopify/admin-client.server";
import { authenticate, secretBox } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = sessionShop(session);
  const erps = (await listErpConnections(db, secretBox, shop)).map((erp) => ({ id: erp.id, name: erp.name }));
  if (erps.length === 0) return { erps, preview: null, unavailable: false };
  try {
    const client = new AdminClient({ shop, accessToken: session.accessToken ?? "" });
    return { erps, preview: await previewErpProductImport(db, client, shop, erps), unavailable: false };
  } catch (error) {
    // Shopify not answering: the page says so; the details go to the server log.
    console.warn(JSON.stringify({ event: "erp-import-preview-failed", shop, reason: (error as Error).message }));
    return { erps, preview: null, unavailable: true };
  }
};

const actionSchema = z.object({ intent: z.literal("import"), categoryFrom: z.string() });

export const action = async ({ request }: ActionFunctionArgs): Promise<ErpImportActionResult> => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { errors: ["errors.unknownRequest"] };
  const shop = sessionShop(session);
  try {
    await saveImportCategoryFrom(db, shop, parsed.data.categoryFrom);
    return { runId: await startRunNow(db, jobQueue(), shop, "erp-product-import") };
  } catch (error) {
    const errors = merchantErrors(error);
    if (!errors) throw error;
    return { errors };
  }
};

export default function ErpImport() {
  return <ErpImportPage {...useLoaderData<typeof loader>()} />;
}
