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
import { englishOf, say, type MerchantText } from "../../i18n/merchant-message";

const alreadyRunning = (error: RunAlreadyRunning) => say("errors.alreadyRunning", { kind: error.kind, name: runKindLabel(error.kind) });

/** The refusal as the merchant reads it, in English (the page writes it out in the merchant's language). */
export const alreadyRunningMessage = (error: RunAlreadyRunning) => englishOf(alreadyRunning(error));

/** Each message by key where the service has one (the page says it in the merchant's language), as text otherwise. */
export function merchantErrors(error: unknown): MerchantText[] | null {
  if (error instanceof ZodError) return error.issues.map((issue) => issue.message);
  if (error instanceof RunAlreadyRunning) return [alreadyRunning(error)];
  if (error instanceof FormRefusal) return [error.said];
  return null;
}
