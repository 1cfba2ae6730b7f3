import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Button, Card, Layout, Text } from "@shopify/polaris";
import type { ConnectionOverview, MeasuredHealth } from "../../services/connections/connection-status.server";

export function ConnectionCards({ connections, installedAt }: { connections: ConnectionOverview; installedAt: string }) {
  const { store } = connections;
  return (
    <>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="200">
            <CardHeading
              title="Store"
              badge={store.state === "connected" ? <Badge tone="success">Connected</Badge> : <Badge tone="critical">Unreachable</Badge>}
            />
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
        <CardHeading title="ERP" badge={<HealthBadge health={erp} />} />
        <HealthLine health={erp} system="the ERP" />
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
        <CardHeading
          title="POS"
          badge={pos.unavailable.length === 0 && pos.blocked ? <Badge tone="warning">Needs attention</Badge> : <HealthBadge health={pos} />}
        />
        <HealthLine health={pos} system="the POS" />
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

/** The badge from what was measured: unavailable, answering, or not reached yet. */
function HealthBadge({ health }: { health: MeasuredHealth }) {
  if (health.unavailable.length > 0) return <Badge tone="critical">Unavailable</Badge>;
  if (health.lastAnsweredAt) return <Badge tone="success">Connected</Badge>;
  return <Badge tone="info">Not reached yet</Badge>;
}

function HealthLine({ health, system }: { health: MeasuredHealth; system: string }) {
  const waiting = `${health.waiting} order${health.waiting === 1 ? "" : "s"} waiting`;
  if (health.unavailable.length > 0) {
    return (
      <BlockStack gap="100">
        {health.unavailable.map((down) => (
          <Text as="p" tone="critical" key={down.name}>
            <span
              suppressHydrationWarning
            >{`${health.unavailable.length > 1 || down.name !== "ERP" ? `${down.name}: unavailable` : "Unavailable"} since ${when(down.since)}, ${waiting}`}</span>
          </Text>
        ))}
        {health.unavailable[0]?.error ? (
          <Text as="p" tone="subdued" breakWord>
            {health.unavailable[0].error}
          </Text>
        ) : null}
        <Text as="p" tone="subdued">
          Ponte keeps asking and sends what waits as soon as it answers.
        </Text>
      </BlockStack>
    );
  }
  return (
    <Text as="p" tone="subdued">
      <span suppressHydrationWarning>
        {health.lastAnsweredAt ? `Last answered ${when(health.lastAnsweredAt)}` : `Ponte has not called ${system} yet`}
        {health.waiting > 0 ? `, ${waiting}` : ""}
      </span>
    </Text>
  );
}

/** "10:42" today, else "3 Dec, 10:42". */
function when(iso: string): string {
  const at = new Date(iso);
  const today = at.toDateString() === new Date().toDateString();
  return today
    ? at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })
    : at.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
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
