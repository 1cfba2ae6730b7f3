import { InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A dashboard card's title with its status badge on the right. */
export function CardHeading({ title, badge }: { title: string; badge: ReactNode }) {
  return (
    <InlineStack align="space-between" blockAlign="center">
      <Text as="h2" variant="headingMd">
        {title}
      </Text>
      {badge}
    </InlineStack>
  );
}
