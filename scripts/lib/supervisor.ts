/**
 * Keeps a launcher's parts together: the database it located, the services
 * it started (app server, workers) and anything else to close.
 *
 * A service that exits on its own is started again, after a pause that
 * doubles with each quick failure (1 s, 2 s, 4 s … 30 s), with a log line each
 * time; the others never notice. Five restarts within a minute is a crash
 * loop: it is logged and recorded (the dashboard's Workers card shows it) and
 * the next try waits five minutes instead of spinning. Every restart is
 * recorded too, for the dashboard's restart count.
 *
 * A signal (Ctrl-C, SIGTERM) stops everything in order: services first
 * (workers drain their running jobs), then the rest, the database last.
 */
import type { Service } from "./child-services";
import type { ServiceRecorder } from "../../app/services/workers/supervised-services.server";

export interface SupervisorOptions {
  /** The first pause before a restart; it doubles with each quick failure. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** This many restarts within crashLoopWindowMs make a crash loop. */
  crashLoopRestarts?: number;
  crashLoopWindowMs?: number;
  /** The pause before the next try once in a crash loop. */
  crashLoopPauseMs?: number;
  /** A service that ran this long before exiting starts again from the first pause. */
  healthyAfterMs?: number;
  recorder?: ServiceRecorder;
  /** Tests keep their own process: no signal handlers, no exit. */
  ownProcess?: boolean;
}

interface Supervised {
  name: string;
  start: () => Service;
  current: Service;
  startedAt: number;
  restarts: number;
  recentRestarts: number[];
  delayMs: number;
  timer?: NodeJS.Timeout;
}

export interface SupervisedHandle {
  readonly name: string;
  /** The running process (a new one after each restart). */
  current(): Service;
}

export class Supervisor {
  private readonly supervised: Supervised[] = [];
  private readonly closers: Array<() => Promise<void>> = [];
  private stopping: Promise<void> | undefined;
  private readonly options: Required<Omit<SupervisorOptions, "recorder">> & { recorder?: ServiceRecorder };

  constructor(
    private readonly database: { release(): Promise<void> },
    private readonly log: (line: string) => void,
    options: SupervisorOptions = {},
  ) {
    this.options = {
      restartDelayMs: 1_000,
      maxRestartDelayMs: 30_000,
      crashLoopRestarts: 5,
      crashLoopWindowMs: 60_000,
      crashLoopPauseMs: 5 * 60_000,
      healthyAfterMs: 60_000,
      ownProcess: true,
      ...options,
    };
    if (this.options.ownProcess) {
      process.once("SIGINT", () => void this.stop("SIGINT", 0));
      process.once("SIGTERM", () => void this.stop("SIGTERM", 0));
    }
  }

  /** Where restarts are recorded (once the database is ready). */
  useRecorder(recorder: ServiceRecorder): void {
    this.options.recorder = recorder;
  }

  /** Starts a service and keeps it running: restarted whenever it exits, until the launcher stops. */
  supervise(name: string, start: () => Service): SupervisedHandle {
    const entry: Supervised = {
      name,
      start,
      current: start(),
      startedAt: Date.now(),
      restarts: 0,
      recentRestarts: [],
      delayMs: this.options.restartDelayMs,
    };
    this.supervised.push(entry);
    this.follow(entry);
    void this.options.recorder?.started(name).catch((error: Error) => this.log(`could not record ${name}'s start: ${error.message}`));
    return { name, current: () => entry.current };
  }

  onStop(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  /** Stops everything in order; then exits the process with `code` (unless a test owns the process). */
  stop(reason: string, code: number): Promise<void> {
    this.stopping ??= (async () => {
      this.log(`stopping (${reason})`);
      for (const entry of this.supervised) clearTimeout(entry.timer);
      await Promise.all(this.supervised.map((entry) => entry.current.stop()));
      for (const close of this.closers.reverse()) await close();
      await this.options.recorder?.close().catch(() => {});
      await this.database.release();
      this.log("stopped");
      if (this.options.ownProcess) process.exit(code);
    })();
    return this.stopping;
  }

  private follow(entry: Supervised): void {
    const service = entry.current;
    void service.exited.then((code) => {
      if (this.stopping) return;
      const signal = service.child.signalCode;
      const now = Date.now();
      if (now - entry.startedAt >= this.options.healthyAfterMs) entry.delayMs = this.options.restartDelayMs;
      entry.recentRestarts = [...entry.recentRestarts.filter((at) => now - at < this.options.crashLoopWindowMs), now];
      entry.restarts++;
      const crashLoop = entry.recentRestarts.length >= this.options.crashLoopRestarts;
      const delay = crashLoop ? this.options.crashLoopPauseMs : entry.delayMs;
      const exit = signal ? `signal ${signal}` : `code ${code}`;
      if (crashLoop) {
        this.log(
          `${entry.name} is in a crash loop (${entry.recentRestarts.length} restarts within ${this.options.crashLoopWindowMs / 1000} s, last exit ${exit}); next try in ${Math.round(delay / 1000)} s`,
        );
      } else {
        this.log(`${entry.name} exited unexpectedly (${exit}); restart ${entry.restarts} in ${Math.round(delay / 100) / 10} s`);
      }
      void this.options.recorder
        ?.restarted(entry.name, { exit, restarts: entry.restarts, crashLoop, pid: service.child.pid })
        .catch((error: Error) => this.log(`could not record ${entry.name}'s restart: ${error.message}`));
      entry.delayMs = Math.min(entry.delayMs * 2, this.options.maxRestartDelayMs);
      entry.timer = setTimeout(() => {
        if (this.stopping) return;
        entry.current = entry.start();
        entry.startedAt = Date.now();
        this.follow(entry);
      }, delay);
    });
  }
}
