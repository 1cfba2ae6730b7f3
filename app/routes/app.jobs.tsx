import { sessionShop } from "../services/ids";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { JobsPage, type JobsActionResult } from "../components/runs/JobsPage";
import db from "../db.server";
import { merchantErrors } from "../services/forms/merchant-errors";
import { listBuiltInJobs, readJobSettings, saveJobSettings, startRunNow } from "../services/jobs/built-in-jobs.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { setBuiltInJobPaused } from "../services/jobs/shop-jobs.server";
import { RUN_KIND_IDS } from "../services/runs/run-list";
import { openAlerts } from "../services/runs/run-alerts.server";
import { authenticate } from "../shopify.server";
import { readActionForm } from "../services/forms/action-form.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return {
    jobs: await listBuiltInJobs(db, jobQueue(), sessionShop(session)),
    settings: await readJobSettings(db, sessionShop(session)),
    alerts: await openAlerts(db, sessionShop(session)),
    emailConfigured: Boolean(process.env.PONTE_SMTP_URL),
  };
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("run-now"), kind: z.enum(RUN_KIND_IDS) }),
  z.object({ intent: z.literal("pause"), kind: z.enum(RUN_KIND_IDS), paused: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("settings"), statusSyncMinutes: z.string(), customerSyncMinutes: z.string(), alertEmail: z.string() }),
]);

export const action = async ({ request }: ActionFunctionArgs): Promise<JobsActionResult> => {
  const { session } = await authenticate.admin(request);
  const input = await readActionForm(request, actionSchema);
  if (!input) return { intent: "invalid", errors: ["errors.unknownRequest"] };
  const queue = jobQueue();
  try {
    if (input.intent === "run-now")
      return { intent: input.intent, kind: input.kind, runId: await startRunNow(db, queue, sessionShop(session), input.kind) };
    if (input.intent === "pause") await setBuiltInJobPaused(queue, sessionShop(session), input.kind, input.paused);
    if (input.intent === "settings") await saveJobSettings(db, queue, sessionShop(session), input);
    return { intent: input.intent, kind: "kind" in input ? input.kind : undefined };
  } catch (error) {
    const errors = merchantErrors(error);
    if (!errors) throw error;
    return { intent: input.intent, kind: "kind" in input ? input.kind : undefined, errors };
  }
};

export default function Jobs() {
  const data = useLoaderData<typeof loader>();
  return <JobsPage {...data} />;
}
