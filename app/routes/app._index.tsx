import { sessionShop } from "../services/ids";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { ConnectionCards } from "../components/dashboard/ConnectionCards";
import { DatabaseCard } from "../components/dashboard/DatabaseCard";
import { StoreSyncCard } from "../components/dashboard/StoreSyncCard";
import { WorkersCard } from "../components/dashboard/WorkersCard";
import db from "../db.server";
import { loadDashboard } from "../services/dashboard/dashboard.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { newWorkerProbe } from "../services/workers/worker-probe.server";
import { JobNames } from "../services/jobs/job-names";
import { authenticate } from "../shopify.server";
import { useTranslation } from "react-i18next";
import { useFormatter, useShopClock } from "../i18n/use-locale";

/** The app's name, the dashboard's title in every language. */
const APP_NAME = "Ponte";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadDashboard({ db, shop: sessionShop(session), accessToken: session.accessToken ?? "" });
};

/** "Check a worker": queue a probe job; the page then polls for its answer. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const probe = newWorkerProbe(sessionShop(session));
  await jobQueue().now(JobNames.workerProbe, probe);
  return { probe: { probeId: probe.probeId, queuedAt: probe.queuedAt } };
};

export default function Dashboard() {
  const dashboard = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { store } = dashboard.connections;
  // Every time on the page in the shop's time zone, said once under the title (the zone just read, if Shopify answered).
  const kept = useShopClock();
  const format = useFormatter(store.state === "connected" ? store.shop.ianaTimezone : kept.timeZone);
  return (
    <Page title={APP_NAME} subtitle={`${t("dashboard.subtitle")} · ${t("time.zoneLabel", { zone: format.timeZone })}`}>
      <BlockStack gap="500">
        <Layout>
          <ConnectionCards connections={dashboard.connections} installedAt={dashboard.shop.installedAt} format={format} />
          <Layout.Section variant="oneThird">
            <StoreSyncCard sync={dashboard.sync} format={format} />
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <DatabaseCard database={dashboard.database} />
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <WorkersCard workers={dashboard.workers} restarts={dashboard.restarts} jobStore={dashboard.jobStore} format={format} />
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
