/**
 * Customer sync, store -> ERP: customers the ERP already has (linked to a
 * Shopify customer by an earlier order) get Shopify's name, email and
 * default address; a customer the ERP does not have is never created here
 * (it arrives with its first order). "all" walks every Shopify customer;
 * "changed" only those updated since the last run (a watermark, re-read
 * with an overlap), so a schedule stays cheap.
 */
import type { PrismaClient } from "@prisma/client";
import { isRetryable } from "../../errors";
import { erpLinkSystem, toExternal, type LinkKey } from "../../bindings/binder.server";
import type { ErpConnector } from "../../erp/erp-connector";
import type { NewErpCustomer } from "../../erp/erp.types";
import type { AdminClient } from "../../shopify/admin-client.server";
import { customersChangedSince, type ShopifyCustomerNode } from "../../shopify/changes.adapter.server";
import { WATERMARK_OVERLAP_MS } from "../reconcile/reconcile-stream.server";
import { type ErpConnectionId, erpRecordId, type ShopDomain } from "../../ids";

/** Each ERP reads Shopify's customer changes from its own watermark. */
export const customersStream = (erpId: ErpConnectionId) => `customers-to-erp:${erpId}`;

export type CustomerSyncMode = "all" | "changed";

export interface CustomerSyncOutcome {
  read: number;
  updated: number;
  /** Shopify customers the ERP does not have: left alone. */
  notLinked: number;
  /** Linked customers the ERP refused to update (bad data): each reported, the others still updated. */
  failed: number;
}

/** A customer the ERP refused to update, for the run's log. */
export interface CustomerSyncFailure {
  customerId: string;
  email: string | null;
  reason: string;
}

export async function syncCustomers(
  /** erpId: which of the shop's ERPs `erp` is (its links are its own). */
  deps: { db: PrismaClient; erp: ErpConnector; erpId: ErpConnectionId; client: AdminClient },
  shop: ShopDomain,
  mode: CustomerSyncMode,
  now = new Date(),
  /** Called after each customer with the counts so far: a run reports them, and stops here when cancelled. */
  afterEach: (soFar: CustomerSyncOutcome) => Promise<void> = async () => {},
  onFailure: (failure: CustomerSyncFailure) => Promise<void> = async () => {},
): Promise<CustomerSyncOutcome> {
  const { db, erp, client } = deps;
  const stream = customersStream(deps.erpId);
  const key = { shop_stream: { shop, stream } };
  const mark = mode === "changed" ? await db.syncWatermark.findUnique({ where: key }) : null;
  const since = mark ? new Date(mark.watermark.getTime() - WATERMARK_OVERLAP_MS) : null;
  const link: LinkKey = { shop, system: erpLinkSystem(deps.erpId), entity: "customer" };

  const outcome: CustomerSyncOutcome = { read: 0, updated: 0, notLinked: 0, failed: 0 };
  for await (const page of customersChangedSince(client, since)) {
    for (const customer of page) {
      outcome.read++;
      const erpId = await toExternal(db, link, customer.id);
      if (!erpId) {
        outcome.notLinked++;
      } else {
        try {
          await erp.updateCustomer(erpRecordId("customer", erpId), erpCustomerChange(customer));
          outcome.updated++;
        } catch (error) {
          // An ERP that is down fails the run (it is retried whole); a refusal of this one customer does not.
          if (isRetryable(error)) throw error;
          outcome.failed++;
          await onFailure({ customerId: customer.id, email: customer.defaultEmailAddress?.emailAddress ?? null, reason: (error as Error).message });
        }
      }
      await afterEach({ ...outcome });
    }
  }
  // The run started at `now`: changes after it are read next time.
  await db.syncWatermark.upsert({ where: key, create: { shop, stream, watermark: now }, update: { watermark: now } });
  return outcome;
}

/** What Shopify says of a customer, in the ERP's terms; empty fields are left as the ERP has them. */
export function erpCustomerChange(customer: ShopifyCustomerNode): Partial<NewErpCustomer> {
  const name = `${customer.firstName ?? ""} ${customer.lastName ?? ""}`.trim();
  const address = customer.defaultAddress;
  const usable = address?.address1 && address.city && address.countryCodeV2?.length === 2;
  return {
    ...(name ? { name } : {}),
    ...(customer.defaultEmailAddress?.emailAddress ? { email: customer.defaultEmailAddress.emailAddress } : {}),
    ...(usable
      ? {
          addresses: [
            {
              name: address.name || name,
              street: address.address1!,
              city: address.city!,
              zip: address.zip ?? "",
              countryCode: address.countryCodeV2!,
            },
          ],
        }
      : {}),
  };
}
