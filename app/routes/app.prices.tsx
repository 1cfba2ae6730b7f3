import { sessionShop } from "../services/ids";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PricesPage, type PricesActionResult } from "../components/pricing/PricesPage";
import db from "../db.server";
import { merchantErrors } from "../services/forms/merchant-errors";
import { startRunNow } from "../services/jobs/built-in-jobs.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { previewPrices, readPriceList } from "../services/pricing/price-list-page.server";
import { addPriceRule, deletePriceRule, movePriceRule, setPriceRuleEnabled } from "../services/pricing/price-rules.server";
import { priceRuleInputSchema } from "../services/pricing/price-rules";
import { authenticate, secretBox, sessionStorage } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return readPriceList(db, sessionShop(session));
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add") }).passthrough(),
  z.object({ intent: z.literal("move"), id: z.string().uuid(), direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("toggle"), id: z.string().uuid(), enabled: z.enum(["true", "false"]).transform((value) => value === "true") }),
  z.object({ intent: z.literal("delete"), id: z.string().uuid() }),
  z.object({ intent: z.literal("preview") }),
  z.object({ intent: z.literal("recalculate") }),
]);

export const action = async ({ request }: ActionFunctionArgs): Promise<PricesActionResult> => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) return { intent: "invalid", errors: ["errors.unknownRequest"] };
  const input = parsed.data;
  try {
    if (input.intent === "add") await addPriceRule(db, sessionShop(session), priceRuleInputSchema.parse(form));
    if (input.intent === "move") await movePriceRule(db, sessionShop(session), input.id, input.direction);
    if (input.intent === "toggle") await setPriceRuleEnabled(db, sessionShop(session), input.id, input.enabled);
    if (input.intent === "delete") await deletePriceRule(db, sessionShop(session), input.id);
    if (input.intent === "preview")
      return { intent: input.intent, preview: await previewPrices({ db, box: secretBox, sessions: sessionStorage }, sessionShop(session)) };
    if (input.intent === "recalculate")
      return { intent: input.intent, runId: await startRunNow(db, jobQueue(), sessionShop(session), "recalculate-prices") };
    return { intent: input.intent };
  } catch (error) {
    const errors = merchantErrors(error);
    if (!errors) throw error;
    return { intent: input.intent, errors };
  }
};

export default function Prices() {
  return <PricesPage overview={useLoaderData<typeof loader>()} />;
}
