import { salePointId, sessionShop } from "../services/ids";
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
import { authenticate, secretBox } from "../shopify.server";
import { readActionForm } from "../services/forms/action-form.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return readPosOverview(db, sessionShop(session));
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update-data"), apiKey: z.string().default("") }),
  z.object({ intent: z.literal("reorder"), order: z.string().transform((value) => value.split(",").filter(Boolean)) }),
  z.object({
    intent: z.literal("toggle"),
    salePointId: z.string().min(1).transform(salePointId),
    active: z.enum(["true", "false"]).transform((value) => value === "true"),
  }),
  z.object({ intent: z.literal("send-orders") }),
]);

export const action = async ({ request }: ActionFunctionArgs): Promise<PosActionResult> => {
  const { session } = await authenticate.admin(request);
  const input = await readActionForm(request, actionSchema);
  if (!input) return { intent: "invalid", error: "errors.unknownRequest" };
  try {
    if (input.intent === "update-data") {
      const outcome = await updatePosData(db, secretBox, sessionShop(session), { apiKey: input.apiKey });
      if (outcome.ok) return { intent: input.intent, found: outcome.salePoints.length };
      return outcome.missingKey ? { intent: input.intent, missingKey: true } : { intent: input.intent, error: outcome.error };
    }
    if (input.intent === "reorder") await reorderSalePoints(db, sessionShop(session), input.order);
    if (input.intent === "toggle") await setSalePointActive(db, sessionShop(session), input.salePointId, input.active);
    if (input.intent === "send-orders") await enqueueForcedPosDispatch(jobQueue(), sessionShop(session));
    return { intent: input.intent };
  } catch (error) {
    const errors = merchantErrors(error);
    if (!errors) throw error;
    return { intent: input.intent, errors };
  }
};

export default function Pos() {
  return <PosPage overview={useLoaderData<typeof loader>()} />;
}
