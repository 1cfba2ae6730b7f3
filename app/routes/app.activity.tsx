import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActivityPage } from "../components/runs/ActivityPage";
import db from "../db.server";
import { listRuns, requestCancel, type RunStatus } from "../services/runs/job-runs.server";
import { runListQuerySchema, type RunRow } from "../services/runs/run-list";
import { authenticate } from "../shopify.server";

const DAYS = { "1d": 1, "7d": 7, "30d": 30 } as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const parsed = runListQuerySchema.safeParse(Object.fromEntries(params));
  const query = parsed.success ? parsed.data : runListQuerySchema.parse({});
  const rows = await listRuns(db, session.shop, {
    kind: query.kind || undefined,
    status: (query.status || undefined) as RunStatus | undefined,
    since: query.since ? new Date(Date.now() - DAYS[query.since] * 86_400_000) : undefined,
    take: 100,
  });
  const runs: RunRow[] = rows.map((run) => ({
    id: run.id,
    kind: run.kind,
    trigger: run.trigger,
    status: run.status as RunRow["status"],
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    progress: run.progress,
    counts: (run.counts as Record<string, number> | null) ?? null,
    error: run.error,
    log: run.log as RunRow["log"],
  }));
  return { query, runs };
};

/** Cancel a running run: it ends as cancelled at its next check. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = z.object({ runId: z.string().uuid() }).safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { cancelled: false };
  return { cancelled: await requestCancel(db, session.shop, parsed.data.runId) };
};

export default function Activity() {
  const { query, runs } = useLoaderData<typeof loader>();
  return <ActivityPage query={query} runs={runs} />;
}
