/** `npm run worker`: one worker process; start as many as you like. */
import { loadDotEnv } from "../app/services/config/dot-env.server";
import { startWorker } from "./worker-process.server";
import { lowerWorkerPriority } from "../app/services/workers/worker-priority.server";
import { nameWorkerConnections } from "../app/services/workers/worker-backend-priority.server";

loadDotEnv();
lowerWorkerPriority();
nameWorkerConnections();

const worker = await startWorker();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    worker.shutdown(signal).then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`[worker] shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  });
}
