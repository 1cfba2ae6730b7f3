import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Card, Text } from "@shopify/polaris";
import { storeSyncState, type StoreSyncOverview } from "../../services/dashboard/store-sync-state";

function StateBadge({ sync }: { sync: StoreSyncOverview }) {
  switch (storeSyncState(sync)) {
    case "failed":
      return <Badge tone="critical">{`${sync.inbox.failed} failed`}</Badge>;
    case "behind":
      return <Badge tone="warning">Behind</Badge>;
    case "unchecked":
      return <Badge tone="attention">Not checked recently</Badge>;
    default:
      return <Badge tone="success">Up to date</Badge>;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function StoreSyncCard({ sync }: { sync: StoreSyncOverview }) {
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading title="Store sync" badge={<StateBadge sync={sync} />} />
        <Text as="p">
          {plural(sync.orders, "order")} and {plural(sync.products, "product")} received from Shopify
        </Text>
        <Text as="p" tone="subdued">
          Webhooks: {sync.inbox.processed} processed, {sync.inbox.waiting} waiting, {sync.inbox.failed} failed
        </Text>
        <Text as="p" tone="subdued">
          <span suppressHydrationWarning>
            {sync.lastReconciledUpTo
              ? `Checked with Shopify up to ${new Date(sync.lastReconciledUpTo).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`
              : "Not yet checked with Shopify"}
          </span>
        </Text>
      </BlockStack>
    </Card>
  );
}
