import { sessionShop } from "../services/ids";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NoSuchRun, RunPage } from "../components/runs/RunPage";
import db from "../db.server";
import { requestCancel } from "../services/runs/job-runs.server";
import { findRunRow } from "../services/runs/run-rows.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // A run of another shop, or none: the page says so in the merchant's language (not an error page).
  return { run: await findRunRow(db, sessionShop(session), params.runId ?? "") };
};

/** Cancel: the run ends as cancelled at its next safe point. */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { cancelled: await requestCancel(db, sessionShop(session), params.runId ?? "") };
};

export default function Run() {
  const { run } = useLoaderData<typeof loader>();
  return run ? <RunPage run={run} /> : <NoSuchRun />;
}
