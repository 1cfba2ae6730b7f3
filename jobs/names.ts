/** Every Agenda job name Ponte defines, in one place. */
export const JobNames = {
  /** Proves that a worker picks work up; queued from the dashboard. */
  workerProbe: "system.worker-probe",
} as const;

export type JobName = (typeof JobNames)[keyof typeof JobNames];
