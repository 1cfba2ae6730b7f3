import { sessionShop } from "../services/ids";
import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { findProbeOutcome } from "../services/workers/worker-probe.server";
import { authenticate } from "../shopify.server";

/** Has a worker answered the probe yet? Polled by the dashboard. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const queuedAt = new Date(new URL(request.url).searchParams.get("queuedAt") ?? "");
  if (!params.probeId || Number.isNaN(queuedAt.getTime())) throw new Response("probe id and queuedAt are required", { status: 400 });
  const outcome = await findProbeOutcome(db, sessionShop(session), params.probeId, queuedAt);
  return { ...outcome, queuedAt: outcome.queuedAt.toISOString() };
};
