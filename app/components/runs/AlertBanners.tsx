import { Link } from "@remix-run/react";
import { Banner, BlockStack } from "@shopify/polaris";
import type { OpenAlert } from "../../services/runs/run-alerts.server";

/** Every open failure streak: what fails, since when, why, and whether the merchant was emailed. */
export function AlertBanners({ alerts }: { alerts: OpenAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <BlockStack gap="200">
      {alerts.map((alert) => (
        <Banner key={alert.kind} tone="critical" title={`${alert.label} is failing${alert.failures > 1 ? ` (${alert.failures} runs in a row)` : ""}`}>
          <BlockStack gap="100">
            <p>{alert.lastError}</p>
            <p>
              <span
                suppressHydrationWarning
              >{`Since ${new Date(alert.since).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}. `}</span>
              {alert.emailed
                ? "You were emailed once; no more emails until it works again. "
                : alert.emailError
                  ? `No email: ${alert.emailError}. `
                  : ""}
              <Link to={`/app/runs/${alert.lastFailedRunId}`}>See the last failed run</Link>
            </p>
          </BlockStack>
        </Banner>
      ))}
    </BlockStack>
  );
}
