/**
 * Keeps a launcher's parts together: the database it located, the services
 * it started (app server, workers) and anything else to close. A signal, or
 * any service dying, stops everything in order: services first (workers
 * drain their running jobs), then the rest, the database last.
 */
import type { DatabaseLocation } from "../../app/services/database/database-location.server";
import type { Service } from "./child-services";

export class Supervisor {
  private readonly services: Service[] = [];
  private readonly closers: Array<() => Promise<void>> = [];
  private stopping: Promise<never> | undefined;

  constructor(
    private readonly database: DatabaseLocation,
    private readonly log: (line: string) => void,
  ) {
    process.once("SIGINT", () => void this.stop("SIGINT", 0));
    process.once("SIGTERM", () => void this.stop("SIGTERM", 0));
  }

  /** Adds a service; from now on its exit stops everything. */
  watch(service: Service): Service {
    this.services.push(service);
    void service.exited.then((code) => {
      if (!this.stopping) void this.stop(`${service.name} exited with code ${code}`, 1);
    });
    return service;
  }

  onStop(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  stop(reason: string, code: number): Promise<never> {
    this.stopping ??= (async () => {
      this.log(`stopping (${reason})`);
      await Promise.all(this.services.map((service) => service.stop()));
      for (const close of this.closers.reverse()) await close();
      await this.database.release();
      this.log("stopped");
      process.exit(code);
    })();
    return this.stopping;
  }
}
