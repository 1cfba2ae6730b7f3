/**
 * `npm run build` (after the Remix build): the worker, compiled into
 * build/production/worker/worker.mjs, which `npm start` runs.
 */
import path from "node:path";
import { bundleForNode } from "./lib/node-bundle";

const root = path.resolve(import.meta.dirname, "..");
export const BUILT_WORKER = path.join(root, "build", "production", "worker", "worker.mjs");

await bundleForNode(path.join(root, "jobs", "worker.ts"), BUILT_WORKER);
console.log(`[ponte] worker built: ${path.relative(root, BUILT_WORKER)}`);
