/**
 * Shopify's mandatory compliance topics. Ponte keeps customer data in the
 * webhook payloads it stores and in its order snapshots; a redaction erases
 * those, a data request gathers them for the merchant.
 */
import { shopifyGid } from "../shopify/gid";
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { ShopDomain } from "../ids";

const customersRedactSchema = z.object({
  customer: z.object({ id: z.number() }),
  orders_to_redact: z.array(z.number()).default([]),
});

const dataRequestSchema = z.object({
  customer: z.object({ id: z.number() }),
  orders_requested: z.array(z.number()).default([]),
});

/**
 * customers/redact: erases every stored payload and snapshot that carries the customer (and the orders named, with
 * their refunds),
 * the data reports gathered for them and Ponte's link to their ERP customer; then scrubs the request itself,
 * which carried their email and phone, down to what was done. What the ERP holds is the merchant's business.
 */
export async function redactCustomer(db: PrismaClient, requestEventId: string, shop: ShopDomain, rawPayload: unknown): Promise<number> {
  const request = customersRedactSchema.parse(rawPayload);
  const customerId = String(request.customer.id);
  const customerGid = shopifyGid("Customer", customerId);
  const orderIds = request.orders_to_redact.map(String);
  const [events, snapshots] = await db.$transaction([
    db.$executeRaw`
      delete from "WebhookEvent"
      where shop = ${shop}
        and id <> ${requestEventId}
        and (
          (payload -> 'customer' ->> 'id') = ${customerId}
          or (topic like 'CUSTOMERS_%' and (payload ->> 'id') = ${customerId})
          or (topic like 'ORDERS_%' and (payload ->> 'id') = any(${orderIds}))
          or (topic = 'REFUNDS_CREATE' and (payload ->> 'order_id') = any(${orderIds}))
        )`,
    db.$executeRaw`
      delete from "OrderSnapshot"
      where shop = ${shop}
        and ("customerId" = ${customerGid}
             or "orderId" = any(${orderIds.map((id) => shopifyGid("Order", id))}))`,
    // A refund's note may quote the buyer: the refunds of the orders named go with them.
    db.refundRecord.deleteMany({ where: { shop, orderId: { in: orderIds.map((id) => shopifyGid("Order", id)) } } }),
    db.customerDataReport.deleteMany({ where: { shop, customerId: customerGid } }),
    db.externalLink.deleteMany({ where: { shop, entity: "customer", shopifyId: customerGid } }),
    db.webhookEvent.update({
      where: { id: requestEventId },
      data: {
        processedAt: new Date(),
        error: null,
        payload: { carriedOut: new Date().toISOString(), ordersRedacted: orderIds.length } as Prisma.InputJsonValue,
      },
    }),
  ]);
  return events + snapshots;
}

export async function gatherCustomerData(db: PrismaClient, shop: ShopDomain, rawPayload: unknown) {
  const request = dataRequestSchema.parse(rawPayload);
  const customerGid = shopifyGid("Customer", request.customer.id);
  const orders = await db.orderSnapshot.findMany({
    where: {
      shop,
      OR: [{ customerId: customerGid }, { orderId: { in: request.orders_requested.map((id) => shopifyGid("Order", id)) } }],
    },
    select: { orderId: true, name: true, order: true, shopifyUpdatedAt: true },
  });
  const events = await db.$queryRaw<Array<{ topic: string; receivedAt: Date; payload: unknown }>>`
    select topic, "receivedAt", payload from "WebhookEvent"
    where shop = ${shop} and topic not in ('CUSTOMERS_DATA_REQUEST')
      and ((payload -> 'customer' ->> 'id') = ${String(request.customer.id)}
           or (topic like 'CUSTOMERS_%' and (payload ->> 'id') = ${String(request.customer.id)}))`;
  return db.customerDataReport.create({
    data: { shop, customerId: customerGid, report: { orders, webhookEvents: events } as unknown as Prisma.InputJsonValue },
  });
}
