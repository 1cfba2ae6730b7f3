/**
 * Keeps a page's data live: its loaders run again every `everyMs` (never when null). Not while a reload is under way,
 * nor while the merchant is leaving for another page: a reload started during a navigation restarts it.
 */
import { useEffect, useRef } from "react";
import { useNavigation, useRevalidator } from "@remix-run/react";

export function usePolling(everyMs: number | null): void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const idle = useRef(true);
  idle.current = revalidator.state === "idle" && navigation.state === "idle";
  const { revalidate } = revalidator;
  useEffect(() => {
    if (everyMs === null) return;
    const timer = setInterval(() => idle.current && revalidate(), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, revalidate]);
}
