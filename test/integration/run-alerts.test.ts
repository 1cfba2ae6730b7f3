// GIVEN a real database and a real SMTP server on localhost
// WHEN runs of a kind fail several times in a row (on several workers at once), then succeed, then fail again
// THEN the admin shows one open alert per failing kind with its count and reason, the merchant gets one email per
//      failure streak (not one per run) in the admin's language, a success closes the streak, and with no SMTP server
//      the alert says why no email
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { createSmtpMailer } from "../../app/services/mail/smtp-mailer.server";
import { runTracked, type FinishedRun } from "../../app/services/runs/job-runs.server";
import { NO_SMTP, noteRunOutcome, openAlerts, type RunAlertDependencies } from "../../app/services/runs/run-alerts.server";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox";
import { rememberShopLocale } from "../../app/services/shops/shop-locale.server";
import { createTestDatabase } from "../support/test-database";
import { type ShopDomain, shopDomain } from "../../app/services/ids";

let db: PrismaClient;
let inbox: SmtpInbox;
let alerts: RunAlertDependencies;

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("run-alerts"));
  inbox = await startSmtpInbox();
  alerts = { db, mailer: createSmtpMailer(inbox.url), recipientOf: async () => "owner@caffe-roma.example", appUrl: "https://ponte.example" };
});
afterAll(async () => {
  await inbox.close();
  await db.$disconnect();
});

/** One run of the kind, failing or not, told to the alerts as a worker does. */
const run = (shop: ShopDomain, fails: string | null, deps = alerts) =>
  runTracked(db, { shop, kind: "erp-statuses", trigger: "built-in", onFinished: (finished) => noteRunOutcome(deps, finished) }, async () => {
    if (fails) throw new Error(fails);
    return { checked: 1 };
  }).catch((error: Error) => error);

describe("failure alerts", () => {
  it("writes the email in the language the shop's admin last opened Ponte in", async () => {
    const shop = shopDomain("roma-italiano.myshopify.com");
    await db.shop.create({ data: { domain: shop } });
    await rememberShopLocale(db, shop, "it");
    await run(shop, "il gestionale non risponde");
    // Headers folded at 78 characters are read unfolded.
    const unfolded = inbox.messages.map((one) => one.raw.replace(/\r?\n[ \t]+/g, " "));
    const mail = unfolded.find((raw) => raw.includes(shop));
    expect(mail).toContain(`Subject: Ponte: Sincronizza stati non riuscito su ${shop}`);
    expect(mail).toContain("Vedi l'esecuzione: https://ponte.example/app/runs/");
  });

  it("sends one email for a streak of failures, closes the streak on success, and emails again when a new streak starts", async () => {
    const shop = shopDomain("streak.myshopify.com");
    await run(shop, "the ERP at http://erp.example did not answer");
    await run(shop, "the ERP at http://erp.example did not answer");
    await run(shop, "the ERP answered 503: maintenance");
    const mails = () => inbox.messages.filter((mail) => mail.subject.includes(shop));
    expect(mails()).toHaveLength(1);
    expect(mails()[0]).toMatchObject({ to: ["owner@caffe-roma.example"], subject: `Ponte: Sync statuses failed on ${shop}` });
    expect(mails()[0]!.raw).toContain("did not answer");
    expect(mails()[0]!.raw).toContain("https://ponte.example/app/runs/");
    expect(await openAlerts(db, shop)).toEqual([
      expect.objectContaining({
        kind: "erp-statuses",
        label: "Sync statuses",
        failures: 3,
        lastError: "the ERP answered 503: maintenance",
        emailed: true,
        emailError: null,
      }),
    ]);

    await run(shop, null);
    expect(await openAlerts(db, shop)).toEqual([]);
    expect(mails()).toHaveLength(1);

    await run(shop, "Tryton refused the login");
    expect(mails()).toHaveLength(2);
    expect(await openAlerts(db, shop)).toEqual([expect.objectContaining({ failures: 1, lastError: "Tryton refused the login", emailed: true })]);
  });

  it("sends one email when several workers report failures of the same kind at the same moment", async () => {
    const shop = shopDomain("burst.myshopify.com");
    const failures: FinishedRun[] = Array.from({ length: 6 }, (_, index) => ({
      id: `00000000-0000-4000-8000-00000000010${index}`,
      shop,
      kind: "customers-sync",
      status: "failed",
      error: "ERP down",
    }));
    await Promise.all(failures.map((failure) => noteRunOutcome(alerts, failure)));
    expect(inbox.messages.filter((mail) => mail.subject.includes(shop))).toHaveLength(1);
    expect(await openAlerts(db, shop)).toEqual([expect.objectContaining({ failures: 6 })]);
  });

  it("keeps the alert in the admin, saying why, when no SMTP server is configured", async () => {
    const shop = shopDomain("no-smtp.myshopify.com");
    await run(shop, "ERP down", { ...alerts, mailer: null });
    expect(await openAlerts(db, shop)).toEqual([expect.objectContaining({ failures: 1, emailed: false, emailError: NO_SMTP })]);
    expect(inbox.messages.filter((mail) => mail.subject.includes(shop))).toHaveLength(0);
  });
});

describe("the mail of a run started by hand", () => {
  /** One run by hand (or built-in), ending with these counts or this error. */
  const byHand = (shop: ShopDomain, outcome: { counts?: Record<string, number>; fails?: string }, trigger: "manual" | "built-in" = "manual") =>
    runTracked(db, { shop, kind: "erp-statuses", trigger, onFinished: (finished) => noteRunOutcome(alerts, finished) }, async () => {
      if (outcome.fails) throw new Error(outcome.fails);
      return outcome.counts ?? {};
    }).catch((error: Error) => error);
  const mailsOf = (shop: string) => inbox.messages.filter((mail) => mail.raw.replace(/\r?\n[ \t]+/g, " ").includes(shop));

  it("tells how it ended, with its counts and the link to its log, once, in the admin's language", async () => {
    const shop = shopDomain("by-hand.myshopify.com");
    await byHand(shop, { counts: { checked: 12, updated: 3, failed: 1 } });
    expect(mailsOf(shop)).toHaveLength(1);
    const mail = mailsOf(shop)[0]!;
    expect(mail).toMatchObject({ to: ["owner@caffe-roma.example"], subject: `Ponte: Sync statuses: Completed on ${shop}` });
    expect(mail.raw).toContain("12 checked, 3 updated, 1 failed");
    // Its body as written (quoted-printable's soft line breaks undone).
    expect(mail.raw.replace(/=\r?\n/g, "")).toMatch(/See its log: https:\/\/ponte\.example\/app\/runs\/[0-9a-f-]{36}/);

    const roma = shopDomain("a-mano.myshopify.com");
    await db.shop.create({ data: { domain: roma } });
    await rememberShopLocale(db, roma, "it");
    await byHand(roma, { counts: { checked: 2 } });
    expect(mailsOf(roma).map((one) => one.raw.replace(/\r?\n[ \t]+/g, " "))).toEqual([
      expect.stringContaining(`Subject: Ponte: Sincronizza stati: Completata su ${roma}`),
    ]);
  });

  it("tells a failure by hand in that one mail (the failure streak counts it as emailed); a built-in run sends none", async () => {
    const shop = shopDomain("by-hand-fails.myshopify.com");
    await byHand(shop, { fails: "the ERP answered 503: maintenance" });
    expect(mailsOf(shop)).toHaveLength(1);
    expect(mailsOf(shop)[0]!.subject).toBe(`Ponte: Sync statuses: Failed on ${shop}`);
    expect(mailsOf(shop)[0]!.raw).toContain("maintenance");
    expect(await openAlerts(db, shop)).toEqual([expect.objectContaining({ failures: 1, emailed: true })]);

    const quiet = shopDomain("built-in-quiet.myshopify.com");
    await byHand(quiet, { counts: { checked: 5 } }, "built-in");
    expect(mailsOf(quiet)).toHaveLength(0);
  });

  it("is sent for a schedule's run only when the merchant ticked it on the schedule", async () => {
    const bySchedule = (shop: ShopDomain, mailWhenFinished: boolean) =>
      runTracked(
        db,
        {
          shop,
          kind: "erp-statuses",
          trigger: "schedule",
          schedule: { id: "4d2c8f52-3a1f-4a4e-9c57-2d8f6f1b0a11", name: "Nightly", mailWhenFinished },
          onFinished: (finished) => noteRunOutcome(alerts, finished),
        },
        async () => ({ checked: 7 }),
      );
    const ticked = shopDomain("schedule-mails.myshopify.com");
    await bySchedule(ticked, true);
    expect(mailsOf(ticked).map((mail) => mail.subject)).toEqual([`Ponte: Sync statuses: Completed on ${ticked}`]);
    expect(mailsOf(ticked)[0]!.raw).toContain("7 checked");

    const unticked = shopDomain("schedule-quiet.myshopify.com");
    await bySchedule(unticked, false);
    expect(mailsOf(unticked)).toHaveLength(0);
  });
});
