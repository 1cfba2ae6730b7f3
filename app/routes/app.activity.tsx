import { sessionShop } from "../services/ids";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActivityPage } from "../components/runs/ActivityPage";
import db from "../db.server";
import { requestCancel, type RunStatus } from "../services/runs/job-runs.server";
import { runListQuerySchema } from "../services/runs/run-list";
import { openAlerts } from "../services/runs/run-alerts.server";
import { runRows } from "../services/runs/run-rows.server";
import { authenticate } from "../shopify.server";
import { listSchedules } from "../services/schedules/schedules.server";
import { readActionForm } from "../services/forms/action-form.server";

const DAYS = { "1d": 1, "7d": 7, "30d": 30 } as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const parsed = runListQuerySchema.safeParse(Object.fromEntries(params));
  const query = parsed.success ? parsed.data : runListQuerySchema.parse({});
  const runs = await runRows(db, sessionShop(session), {
    kind: query.kind || undefined,
    status: (query.status || undefined) as RunStatus | undefined,
    since: query.since ? new Date(Date.now() - DAYS[query.since] * 86_400_000) : undefined,
    scheduleId: query.schedule || undefined,
    take: 100,
  });
  const schedules = (await listSchedules(db, sessionShop(session))).map((schedule) => ({ id: schedule.id, name: schedule.name }));
  return { query, runs, alerts: await openAlerts(db, sessionShop(session)), schedules };
};

/** Cancel a running run: it ends as cancelled at its next check. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const input = await readActionForm(request, z.object({ runId: z.string().uuid() }));
  if (!input) return { cancelled: false };
  return { cancelled: await requestCancel(db, sessionShop(session), input.runId) };
};

export default function Activity() {
  const { query, runs, alerts, schedules } = useLoaderData<typeof loader>();
  return <ActivityPage query={query} runs={runs} alerts={alerts} schedules={schedules} />;
}
