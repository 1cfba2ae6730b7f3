/**
 * A worker runs at a lower CPU priority than the app server (its niceness
 * raised by PONTE_WORKER_NICE, default 10; 0 leaves it as started). When a
 * flash sale's webhooks and the inbox drain want the same cores, Shopify's
 * deliveries are answered first (Shopify gives up on a webhook after 5 s);
 * the drain takes every cycle the door leaves free, so on an idle machine it
 * loses nothing.
 */
import os from "node:os";
import type { Environment } from "../config/environment";

export const DEFAULT_WORKER_NICE = 10;

export function workerNice(env: Environment): number {
  const value = env.PONTE_WORKER_NICE?.trim();
  if (value === undefined || value === "") return DEFAULT_WORKER_NICE;
  if (!/^\d+$/.test(value) || Number.parseInt(value, 10) > 19)
    throw new Error(`PONTE_WORKER_NICE must be a whole number from 0 (as started) to 19 (lowest priority), got "${value}"`);
  return Number.parseInt(value, 10); // not money: a niceness
}

/** Raises this process's niceness by workerNice (never lowers it, which would need privileges). Returns the niceness now. */
export function lowerWorkerPriority(env: Environment = process.env): number {
  const current = os.getPriority();
  const wanted = Math.min(19, current + workerNice(env));
  if (wanted !== current) os.setPriority(wanted);
  return os.getPriority();
}
