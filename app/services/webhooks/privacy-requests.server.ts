/**
 * Shopify's mandatory compliance topics. Ponte keeps customer data only in
 * the webhook payloads it stores; a redaction erases those.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

const customersRedactSchema = z.object({
  customer: z.object({ id: z.number() }),
  orders_to_redact: z.array(z.number()).default([]),
});

export async function redactCustomer(db: PrismaClient, shop: string, rawPayload: unknown): Promise<number> {
  const request = customersRedactSchema.parse(rawPayload);
  const customerId = request.customer.id;
  const removed = await db.$executeRaw`
    delete from "WebhookEvent"
    where shop = ${shop}
      and topic <> 'CUSTOMERS_REDACT'
      and (
        (payload -> 'customer' ->> 'id') = ${String(customerId)}
        or (topic like 'CUSTOMERS_%' and (payload ->> 'id') = ${String(customerId)})
        or (topic like 'ORDERS_%' and (payload ->> 'id') = any(${request.orders_to_redact.map(String)}))
      )`;
  return removed;
}
