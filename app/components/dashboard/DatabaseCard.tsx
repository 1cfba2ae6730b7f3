import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Card, Text } from "@shopify/polaris";
import type { DatabaseHealth } from "../../services/health/database-health.server";

export function DatabaseCard({ database }: { database: DatabaseHealth }) {
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading title="Database" badge={database.ok ? <Badge tone="success">Healthy</Badge> : <Badge tone="critical">Unavailable</Badge>} />
        <Text as="p">{database.kind === "embedded" ? "Embedded PostgreSQL" : "PostgreSQL (DATABASE_URL)"}</Text>
        {database.ok ? (
          <Text as="p" tone="subdued">
            Version {database.serverVersion} · answered in {database.latencyMs} ms · {database.migrationsApplied} migration
            {database.migrationsApplied === 1 ? "" : "s"} applied
          </Text>
        ) : (
          <Text as="p" tone="critical">
            {database.error}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
