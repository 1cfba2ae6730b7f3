import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PosPage, type PosActionResult } from "../components/pos/PosPage";
import db from "../db.server";
import { merchantErrors } from "../services/forms/merchant-errors";
import { jobQueue } from "../services/jobs/job-queue.server";
import { enqueueForcedPosDispatch } from "../services/jobs/shop-jobs.server";
import { reorderSalePoints, setSalePointActive, updatePosData } from "../services/pos/pos-connections.server";
import { readPosOverview } from "../services/pos/pos-overview.server";
import { saveLocationMapping, savePosSyncSettings } from "../services/pos/pos-locations.server";
import { readStoreConnection } from "../services/connections/connection-status.server";
import { startRunNow } from "../services/jobs/built-in-jobs.server";
import { authenticate, secretBox } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const store = await readStoreConnection(session.shop, session.accessToken ?? "");
  const locations = store.state === "connected" ? store.locations.filter((location) => location.isActive) : [];
  return readPosOverview(db, session.shop, locations);
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update-data"), apiKey: z.string().default("") }),
  z.object({ intent: z.literal("reorder"), order: z.string().transform((value) => value.split(",").filter(Boolean)) }),
  z.object({ intent: z.literal("toggle"), salePointId: z.string().min(1), active: z.enum(["true", "false"]).transform((value) => value === "true") }),
  z.object({ intent: z.literal("send-orders") }),
  z.object({ intent: z.literal("location"), locationId: z.string(), locationName: z.string(), choice: z.string() }),
  z.object({ intent: z.literal("sync-settings"), syncCategories: z.string(), syncImages: z.string(), draftWhenOutOfStock: z.string().optional(), draftWhenNotOffered: z.string().optional() }),
  z.object({ intent: z.literal("product-sync") }),
  z.object({ intent: z.literal("push-stock") }),
  z.object({ intent: z.literal("full-resync"), forceImages: z.enum(["true", "false"]).default("false").transform((value) => value === "true") }),
]);

export const action = async ({ request }: ActionFunctionArgs): Promise<PosActionResult> => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { intent: "invalid", error: "Unknown request" };
  const input = parsed.data;
  try {
    if (input.intent === "update-data") {
      const outcome = await updatePosData(db, secretBox, session.shop, { apiKey: input.apiKey });
      return outcome.ok ? { intent: input.intent, found: outcome.salePoints.length } : { intent: input.intent, error: outcome.error };
    }
    if (input.intent === "reorder") await reorderSalePoints(db, session.shop, input.order);
    if (input.intent === "toggle") await setSalePointActive(db, session.shop, input.salePointId, input.active);
    if (input.intent === "send-orders") await enqueueForcedPosDispatch(jobQueue(), session.shop);
    if (input.intent === "location") await saveLocationMapping(db, session.shop, input);
    if (input.intent === "sync-settings") await savePosSyncSettings(db, session.shop, input);
    if (input.intent === "full-resync") return { intent: input.intent, runId: await startRunNow(db, jobQueue(), session.shop, "full-resync", { forceImages: input.forceImages }) };
    if (input.intent === "product-sync" || input.intent === "push-stock") {
      return { intent: input.intent, runId: await startRunNow(db, jobQueue(), session.shop, input.intent === "product-sync" ? "product-sync" : "stock-push") };
    }
    return { intent: input.intent };
  } catch (error) {
    const errors = merchantErrors(error);
    if (!errors) throw error;
    return { intent: input.intent, error: errors.join("; ") };
  }
};

export default function Pos() {
  return <PosPage overview={useLoaderData<typeof loader>()} />;
}
