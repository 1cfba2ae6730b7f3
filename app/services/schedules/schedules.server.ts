/** A shop's schedules: saved from the form (parsed), listed with their next run, switched on and off, deleted. */
import type { PrismaClient, Schedule } from "@prisma/client";
import { nextRuns, scheduleWhenSchema, type ScheduleWhen } from "./recurrence";
import { ERP_ACTIONS, scheduleInputSchema, type ScheduleAction } from "./schedule-form";
import { FormRefusal } from "../forms/form-refusal";
import { erpConnectionId, type ErpConnectionId, salePointId, type SalePointId, type ShopDomain } from "../ids";

export interface ShopSchedule {
  id: string;
  name: string;
  actions: ScheduleAction[];
  when: ScheduleWhen;
  /** Push stock: only the locations fed by these sale points; empty: all. */
  salePointIds: SalePointId[];
  /** Import orders, sync customers, sync statuses: only with these ERPs; empty: every ERP. */
  erpConnectionIds: ErpConnectionId[];
  /** Each run (by its time) mails how it ended to the alert address. */
  mailWhenFinished: boolean;
  enabled: boolean;
  nextRun: string | null;
}

export function toShopSchedule(row: Schedule, now = new Date()): ShopSchedule {
  const when = scheduleWhenSchema.parse(row.when);
  return {
    id: row.id,
    name: row.name,
    actions: row.actions as ScheduleAction[],
    when,
    salePointIds: row.salePointIds.map(salePointId),
    erpConnectionIds: row.erpConnectionIds.map(erpConnectionId),
    mailWhenFinished: row.mailWhenFinished,
    enabled: row.enabled,
    nextRun: row.enabled ? (nextRuns(when, now, 1)[0]?.toISOString() ?? null) : null,
  };
}

export async function saveSchedule(db: PrismaClient, shop: ShopDomain, raw: unknown, id?: string): Promise<ShopSchedule> {
  const input = scheduleInputSchema.parse(raw);
  const erpIds = input.actions.some((action) => ERP_ACTIONS.includes(action)) ? input.erpConnectionIds : [];
  const known = erpIds.length > 0 ? await db.erpConnection.count({ where: { shop, id: { in: erpIds } } }) : 0;
  if (known !== new Set(erpIds).size) throw new FormRefusal("errors.schedules.erpGone");
  const data = {
    name: input.name,
    actions: input.actions,
    when: input.when,
    salePointIds: input.actions.includes("push-stock") ? input.salePointIds : [],
    erpConnectionIds: [...new Set(erpIds)],
    mailWhenFinished: input.mailWhenFinished,
  };
  const row = id ? await db.schedule.update({ where: { id, shop }, data }) : await db.schedule.create({ data: { shop, ...data } });
  return toShopSchedule(row);
}

export async function listSchedules(db: PrismaClient, shop: ShopDomain): Promise<ShopSchedule[]> {
  return (await db.schedule.findMany({ where: { shop }, orderBy: { createdAt: "asc" } })).map((row) => toShopSchedule(row));
}

export async function setScheduleEnabled(db: PrismaClient, shop: ShopDomain, id: string, enabled: boolean): Promise<ShopSchedule> {
  return toShopSchedule(await db.schedule.update({ where: { id, shop }, data: { enabled } }));
}

export async function deleteSchedule(db: PrismaClient, shop: ShopDomain, id: string): Promise<void> {
  await db.schedule.deleteMany({ where: { id, shop } });
}

export async function findSchedule(db: PrismaClient, shop: ShopDomain, id: string): Promise<ShopSchedule | null> {
  const row = await db.schedule.findFirst({ where: { id, shop } });
  return row ? toShopSchedule(row) : null;
}
