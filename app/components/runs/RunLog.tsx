import { BlockStack, Card, Text } from "@shopify/polaris";
import type { RunRow } from "../../services/runs/run-list";

/** A run's log, oldest line first; errors and warnings in their tones. */
export function RunLog({ run, title }: { run: Pick<RunRow, "log" | "logOmitted">; title: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {run.logOmitted > 0 ? (
          <Text as="p" tone="subdued">
            {run.logOmitted} earlier line{run.logOmitted === 1 ? "" : "s"} not shown: the last {run.log.length} follow.
          </Text>
        ) : null}
        <ol aria-label="Run log" style={{ margin: 0, paddingLeft: 20 }}>
          {run.log.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <Text as="span" tone={entry.level === "error" ? "critical" : entry.level === "warning" ? "caution" : undefined}>
                <span suppressHydrationWarning>{new Date(entry.at).toLocaleTimeString("en-GB")}</span> {entry.message}
              </Text>
            </li>
          ))}
        </ol>
      </BlockStack>
    </Card>
  );
}
