/**
 * A toast once a form's save comes back without errors (App Bridge's toast, as the Shopify admin shows it): a fixed
 * message, or one worked out from the answer (null: no toast for this answer).
 */
import { useEffect } from "react";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { FetcherWithComponents } from "@remix-run/react";

export function useSavedToast<T>(
  fetcher: FetcherWithComponents<T>,
  message: string | ((data: T) => string | null | undefined),
  when: (data: T) => boolean = () => true,
): void {
  const shopify = useAppBridge();
  useEffect(() => {
    const data = fetcher.data as (T & { errors?: unknown; error?: unknown }) | undefined;
    if (fetcher.state !== "idle" || !data || data.errors || data.error || !when(data)) return;
    const said = typeof message === "string" ? message : message(data);
    if (said) shopify.toast.show(said);
    // Once per answer (a new answer is a new `data` object), whatever the message's or the test's identity.
  }, [fetcher.state, fetcher.data]);
}
