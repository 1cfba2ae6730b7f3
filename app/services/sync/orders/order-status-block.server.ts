/**
 * What the order-details block (extensions/order-erp-status) shows on an order's page in the Shopify admin: the
 * order's way to the ERP (its ERP, state, sale number and state, invoice, the totals check, why it waits or failed,
 * what needs the merchant) and to the POS (its state and POS order per sale point), the same row the Orders page
 * shows. Every sentence is written here, in the language the block asks for, with Ponte's own translations (the
 * block's locale files hold only its labels), so that the block and the Orders page say the same thing.
 */
import type { PrismaClient } from "@prisma/client";
import type { TFunction } from "i18next";
import { createI18n } from "../../../i18n/i18n";
import type { Locale } from "../../../i18n/locales";
import { sayWith } from "../../../i18n/use-say";
import type { ShopDomain } from "../../ids";
import { readOrderSyncState } from "./order-export-list.server";
import { canRetryOrder, type OrderSyncRow } from "./order-sync-states";
import { saidReason } from "./said-reasons";
import type { BlockTone, OrderStatusBlock } from "./order-status-block";

export type { OrderStatusBlock } from "./order-status-block";

const SYNC_TONES: Record<OrderSyncRow["state"], BlockTone> = {
  queued: "info",
  waiting: "caution",
  retrying: "warning",
  failed: "critical",
  exported: "success",
  skipped: "neutral",
};

const POS_TONES: Record<string, BlockTone> = {
  planned: "info",
  dispatched: "success",
  waiting: "caution",
  retrying: "warning",
  unservable: "warning",
  "cancel-flagged": "critical",
  failed: "critical",
};

export async function readOrderStatusBlock(db: PrismaClient, shop: ShopDomain, orderId: string, locale: Locale): Promise<OrderStatusBlock> {
  const row = await readOrderSyncState(db, shop, orderId);
  if (!row) return { known: false, erp: null, pos: null };
  const { t } = createI18n(locale);
  return { known: true, erp: erpPart(row, t), pos: posPart(row, t) };
}

function erpPart(row: OrderSyncRow, t: TFunction): OrderStatusBlock["erp"] {
  const say = sayWith(t);
  const said = (text: string | null) => (text ? say(saidReason(text)) : null);
  return {
    erpName: row.erpName,
    state: { label: t(`orders.state.${row.state}`), tone: SYNC_TONES[row.state] },
    moving: row.state === "queued" || row.state === "retrying",
    saleNumber: row.erpNumber,
    saleState: row.erpState ? t(`orders.block.saleState.${row.erpState}`, { defaultValue: row.erpState }) : null,
    invoiceNumber: row.invoice?.number ?? null,
    totals: row.totals
      ? {
          text: t("orders.block.totals", { erp: row.totals.erp, shopify: row.totals.shopify, currency: row.totals.currency }),
          differ: row.totals.differ,
        }
      : null,
    reason: row.state === "exported" ? null : said(row.reason),
    flag: said(row.flag),
    canSendAgain: canRetryOrder(row),
  };
}

function posPart(row: OrderSyncRow, t: TFunction): OrderStatusBlock["pos"] {
  const pos = row.pos;
  if (!pos) return null;
  const say = sayWith(t);
  return {
    state: { label: t(`orders.pos.status.${pos.status}`, { defaultValue: pos.status }), tone: POS_TONES[pos.status] ?? "neutral" },
    salePoints: pos.shares.map((share) =>
      share.sent
        ? t("orders.pos.sent", { salePoint: share.salePointName, number: share.posOrderId ?? "—", count: share.units })
        : t("orders.pos.toSend", { salePoint: share.salePointName, count: share.units }),
    ),
    reason: pos.reason && pos.status !== "waiting" ? say(saidReason(pos.reason)) : null,
  };
}
