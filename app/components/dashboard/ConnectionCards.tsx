import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Button, Card, Layout, Text } from "@shopify/polaris";
import type { ConnectionOverview } from "../../services/connections/connection-status.server";

export function ConnectionCards({ connections, installedAt }: { connections: ConnectionOverview; installedAt: string }) {
  const { store } = connections;
  return (
    <>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="200">
            <CardHeading title="Store" badge={store.state === "connected" ? <Badge tone="success">Connected</Badge> : <Badge tone="critical">Unreachable</Badge>} />
            {store.state === "connected" ? (
              <BlockStack gap="100">
                <Text as="p" variant="headingSm">
                  {store.shop.name}
                </Text>
                <Text as="p" tone="subdued">
                  {store.shop.myshopifyDomain} · {store.shop.plan.displayName} plan
                </Text>
                <Text as="p">
                  {store.shop.currencyCode} · {store.shop.ianaTimezone} · {store.locations.length} location
                  {store.locations.length === 1 ? "" : "s"}
                </Text>
                <Text as="p" tone="subdued">
                  Ponte installed {new Date(installedAt).toLocaleDateString("en-GB", { dateStyle: "medium" })}
                </Text>
              </BlockStack>
            ) : (
              <Text as="p" tone="critical">
                Shopify did not answer: {store.error}
              </Text>
            )}
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <ErpCard erp={connections.erp} />
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <PosCard pos={connections.pos} />
      </Layout.Section>
    </>
  );
}


function ErpCard({ erp }: { erp: ConnectionOverview["erp"] }) {
  if (erp.state !== "configured") {
    return (
      <Card>
        <BlockStack gap="200">
          <CardHeading title="ERP" badge={<Badge tone="attention">Not configured</Badge>} />
          <Text as="p" tone="subdued">
            No ERP connected yet. Orders stay in Shopify until one is.
          </Text>
          <Button url="/app/erp">Connect an ERP</Button>
        </BlockStack>
      </Card>
    );
  }
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading title="ERP" badge={<Badge tone="success">Configured</Badge>} />
        <Text as="p" variant="headingSm">
          {erp.kind === "tryton" ? "Tryton" : "HTTP ERP"}
        </Text>
        <Text as="p" tone="subdued" breakWord>
          {erp.url}
        </Text>
        {erp.others > 0 ? <Text as="p">{`and ${erp.others} other ERP${erp.others === 1 ? "" : "s"}, by shipping country`}</Text> : null}
        <Text as="p">
          {erp.exported} order{erp.exported === 1 ? "" : "s"} exported
          {erp.failed ? `, ${erp.failed} failed` : ""}
          {erp.flagged ? `, ${erp.flagged} need attention` : ""}
        </Text>
        <Button url="/app/orders">See orders</Button>
      </BlockStack>
    </Card>
  );
}

function PosCard({ pos }: { pos: ConnectionOverview["pos"] }) {
  if (pos.state !== "configured") {
    return (
      <Card>
        <BlockStack gap="200">
          <NotConfiguredCardBody title="POS" detail="No POS connected yet. Sale points appear once an API key is added." />
          <Button url="/app/pos">Connect Cassa in Cloud</Button>
        </BlockStack>
      </Card>
    );
  }
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading title="POS" badge={pos.blocked ? <Badge tone="warning">Needs attention</Badge> : <Badge tone="success">Configured</Badge>} />
        <Text as="p" variant="headingSm">
          Cassa in Cloud
        </Text>
        <Text as="p">
          {pos.activeSalePoints} of {pos.salePoints} sale point{pos.salePoints === 1 ? "" : "s"} serving orders
        </Text>
        <Button url="/app/pos">Sale points</Button>
      </BlockStack>
    </Card>
  );
}

function NotConfiguredCardBody({ title, detail }: { title: string; detail: string }) {
  return (
    <>
      <CardHeading title={title} badge={<Badge tone="attention">Not configured</Badge>} />
      <Text as="p" tone="subdued">
        {detail}
      </Text>
    </>
  );
}
