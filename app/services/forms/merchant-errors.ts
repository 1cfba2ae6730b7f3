/**
 * The failures an admin action answers with words rather than an error page:
 * a form that does not parse (each of its messages), a form refused for a
 * reason the merchant can act on, and a run refused because the same kind is
 * going. Anything else is null: the route lets it through.
 */
import { ZodError } from "zod";
import { FormRefusal } from "./form-refusal";
import { RunAlreadyRunning } from "../runs/job-runs.server";
import { runKindLabel } from "../runs/run-list";

/** The refusal as the merchant reads it. */
export const alreadyRunningMessage = (error: RunAlreadyRunning) =>
  `${runKindLabel(error.kind)} is already running for this shop; it was not started twice. Try again once it has finished.`;

export function merchantErrors(error: unknown): string[] | null {
  if (error instanceof ZodError) return error.issues.map((issue) => issue.message);
  if (error instanceof RunAlreadyRunning) return [alreadyRunningMessage(error)];
  if (error instanceof FormRefusal) return [error.message];
  return null;
}
