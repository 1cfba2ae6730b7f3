import { sessionShop } from "../services/ids";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CatalogPage, type CatalogActionResult } from "../components/catalog/CatalogPage";
import db from "../db.server";
import { readCatalogPage } from "../services/catalog/catalog-overview.server";
import { saveCatalogSettings } from "../services/catalog/catalog-settings.server";
import { readIcecatSettings, saveIcecatSettings } from "../services/icecat/icecat-settings.server";
import { localeOfRequest } from "../i18n/locales";
import { readKeptShopOverview } from "../services/shopify/shop-clock.server";
import { erpConnectorForShop } from "../services/erp/erp-connections.server";
import { merchantErrors } from "../services/forms/merchant-errors";
import { startRunNow } from "../services/jobs/built-in-jobs.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { saveLocationMapping, WAREHOUSE_CHOICE } from "../services/pos/pos-locations.server";
import { authenticate, secretBox } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // The page refreshes every 1.5 s while a run goes: Shopify's locations are asked at most once a minute, never waited on each time.
  const store = await readKeptShopOverview(sessionShop(session), session.accessToken ?? "", 60_000);
  const locations = store ? store.locations.filter((location) => location.isActive) : [];
  return {
    ...(await readCatalogPage(db, secretBox, sessionShop(session), locations)),
    icecat: await readIcecatSettings(db, sessionShop(session), localeOfRequest(request).locale),
  };
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("settings") }).passthrough(),
  z.object({ intent: z.literal("location"), locationId: z.string(), locationName: z.string(), choice: z.string() }),
  z.object({ intent: z.literal("product-sync") }),
  z.object({ intent: z.literal("icecat-settings") }).passthrough(),
  z.object({ intent: z.literal("icecat-update") }),
  z.object({ intent: z.literal("push-stock") }),
  z.object({
    intent: z.literal("full-resync"),
    forceImages: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
  }),
]);

export const action = async ({ request }: ActionFunctionArgs): Promise<CatalogActionResult> => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) return { intent: "invalid", errors: ["errors.unknownRequest"] };
  const input = parsed.data;
  try {
    if (input.intent === "settings") await saveCatalogSettings(db, sessionShop(session), form);
    if (input.intent === "icecat-settings") await saveIcecatSettings(db, secretBox, sessionShop(session), form);
    if (input.intent === "icecat-update")
      return { intent: input.intent, runId: await startRunNow(db, jobQueue(), sessionShop(session), "icecat-sheets") };
    if (input.intent === "location") {
      // A warehouse choice is checked against what the ERP lists now.
      const erp = input.choice.startsWith(WAREHOUSE_CHOICE) ? await erpConnectorForShop(db, secretBox, sessionShop(session)) : null;
      await saveLocationMapping(db, sessionShop(session), input, erp ? await erp.listWarehouses() : []);
    }
    if (input.intent === "product-sync" || input.intent === "push-stock") {
      return {
        intent: input.intent,
        runId: await startRunNow(db, jobQueue(), sessionShop(session), input.intent === "product-sync" ? "product-sync" : "stock-push"),
      };
    }
    if (input.intent === "full-resync")
      return {
        intent: input.intent,
        runId: await startRunNow(db, jobQueue(), sessionShop(session), "full-resync", { forceImages: input.forceImages }),
      };
    return { intent: input.intent };
  } catch (error) {
    const errors = merchantErrors(error);
    if (!errors) throw error;
    return { intent: input.intent, errors };
  }
};

export default function Catalog() {
  const { icecat, ...data } = useLoaderData<typeof loader>();
  return <CatalogPage data={data} icecat={icecat} />;
}
