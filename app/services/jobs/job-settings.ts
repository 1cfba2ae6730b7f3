/** The Jobs page's settings form, shared by the browser and the server: the merchant's intervals and alert address. */
import { z } from "zod";

export const STATUS_SYNC_MINUTES = [5, 10, 15, 30, 60] as const;
export const CUSTOMER_SYNC_MINUTES = [15, 30, 60, 120, 360, 720, 1440] as const;

const oneOf = (allowed: readonly number[], message: string) => z.coerce.number().refine((value) => allowed.includes(value), { message });

export const jobSettingsSchema = z.object({
  statusSyncMinutes: oneOf(STATUS_SYNC_MINUTES, "errors.jobs.statusSyncMinutes"),
  customerSyncMinutes: oneOf(CUSTOMER_SYNC_MINUTES, "errors.jobs.customerSyncMinutes"),
  alertEmail: z
    .string()
    .trim()
    .max(200)
    .transform((value) => value || null)
    .pipe(z.string().email("errors.jobs.alertEmail").nullable()),
});
export type JobSettings = z.infer<typeof jobSettingsSchema>;

/** "every 2 hours" as a message key and its count, for the page to write out in the merchant's language. */
export const everyMessage = (minutes: number): { key: string; count: number } =>
  minutes % 1440 === 0
    ? { key: "jobs.every.days", count: minutes / 1440 }
    : minutes % 60 === 0
      ? { key: "jobs.every.hours", count: minutes / 60 }
      : { key: "jobs.every.minutes", count: minutes };

export const everyLabel = (minutes: number) =>
  minutes % 1440 === 0
    ? minutes === 1440
      ? "Every day"
      : `Every ${minutes / 1440} days`
    : minutes % 60 === 0
      ? minutes === 60
        ? "Every hour"
        : `Every ${minutes / 60} hours`
      : `Every ${minutes} minutes`;
