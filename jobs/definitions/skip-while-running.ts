import { RunAlreadyRunning } from "../../app/services/runs/job-runs.server";

/** A repeat of a run already going for the shop ends quietly: the running one covers it. */
export async function skipWhileRunning(start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (!(error instanceof RunAlreadyRunning)) throw error;
  }
}
