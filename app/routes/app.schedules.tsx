import { sessionShop } from "../services/ids";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { kindApplies, scheduleActionKinds } from "../services/runs/run-kind-registry";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SchedulesPage, type SchedulesActionResult } from "../components/schedules/SchedulesPage";
import db from "../db.server";
import { merchantErrors } from "../services/forms/merchant-errors";
import { readShopClock } from "../services/shopify/shop-clock.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { syncScheduleJob } from "../services/jobs/shop-jobs.server";
import { startScheduleNow } from "../services/schedules/run-schedule-now.server";
import { deleteSchedule, listSchedules, saveSchedule, setScheduleEnabled } from "../services/schedules/schedules.server";
import { catalogSourcesConnected } from "../services/catalog/catalog-sources.server";
import { listShopSalePoints } from "../services/pos/pos-connections.server";
import { erpRoutesForShop } from "../services/erp/erp-connections.server";
import type { ScheduleAction } from "../services/schedules/schedule-form";
import { authenticate } from "../shopify.server";
import { readActionForm } from "../services/forms/action-form.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const clock = await readShopClock(sessionShop(session), session.accessToken ?? "");
  const [erps, pos] = await Promise.all([
    erpRoutesForShop(db, sessionShop(session)),
    db.posConnection.findUnique({ where: { shop: sessionShop(session) } }),
  ]);
  const catalog = await catalogSourcesConnected(db, sessionShop(session), { pos: pos !== null, erp: erps.length > 0 });
  const icecat = (await db.icecatSettings.count({ where: { shop: sessionShop(session) } })) > 0;
  const offered: ScheduleAction[] = scheduleActionKinds()
    .filter(({ kind }) => kindApplies(kind, { erp: erps.length > 0, pos: pos !== null, catalog, icecat }))
    .map(({ action }) => action);
  return {
    timeZone: clock.timeZone,
    schedules: await listSchedules(db, sessionShop(session)),
    offered,
    salePoints: pos
      ? (await listShopSalePoints(db, sessionShop(session))).map((point) => ({ salePointId: point.salePointId, name: point.name }))
      : [],
    erps: erps.map((erp) => ({ id: erp.id, name: erp.name })),
  };
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), id: z.string().optional(), schedule: z.string() }),
  z.object({ intent: z.literal("toggle"), id: z.string(), enabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("delete"), id: z.string() }),
  z.object({ intent: z.literal("run-now"), id: z.string() }),
]);

export const action = async ({ request }: ActionFunctionArgs): Promise<SchedulesActionResult> => {
  const { session } = await authenticate.admin(request);
  const input = await readActionForm(request, actionSchema);
  if (!input) return { intent: "invalid", errors: ["errors.unknownRequest"] };
  const queue = jobQueue();
  try {
    if (input.intent === "save") {
      const saved = await saveSchedule(db, sessionShop(session), JSON.parse(input.schedule), input.id || undefined);
      await syncScheduleJob(queue, sessionShop(session), saved);
      return { intent: input.intent, savedId: saved.id };
    }
    if (input.intent === "toggle")
      await syncScheduleJob(queue, sessionShop(session), await setScheduleEnabled(db, sessionShop(session), input.id, input.enabled));
    if (input.intent === "run-now") return { intent: input.intent, runs: await startScheduleNow(db, queue, sessionShop(session), input.id) };
    if (input.intent === "delete") {
      await deleteSchedule(db, sessionShop(session), input.id);
      await syncScheduleJob(queue, sessionShop(session), { id: input.id, deleted: true });
    }
    return { intent: input.intent };
  } catch (error) {
    const errors = merchantErrors(error);
    if (!errors) throw error;
    return { intent: input.intent, errors };
  }
};

export default function Schedules() {
  const { timeZone, schedules, offered, salePoints, erps } = useLoaderData<typeof loader>();
  return <SchedulesPage timeZone={timeZone} schedules={schedules} offered={offered} salePoints={salePoints} erps={erps} />;
}
