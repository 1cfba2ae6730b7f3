/**
 * The app server's handle on the job store: it queues jobs for the workers
 * and never runs any itself.
 */
import type { Environment } from "../config/environment";
import type { Agenda } from "agenda";
import { createAgenda } from "./agenda.server";

declare global {
  var ponteJobQueue: Agenda | undefined;
}

export function jobQueue(env: Environment = process.env): Agenda {
  if (!globalThis.ponteJobQueue) {
    const databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set");
    globalThis.ponteJobQueue = createAgenda({
      databaseUrl,
      mongodbUrl: env.MONGODB_URL || undefined,
      name: `app:${process.pid}`,
    });
  }
  return globalThis.ponteJobQueue;
}
