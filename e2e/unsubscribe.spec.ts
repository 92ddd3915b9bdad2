// The unsubscribe link of reminder emails, in a browser, on a server that really sends mail (a
// loopback SMTP receiver, e2e/support/mailServer.ts). The administrator presses "Remind": the
// reader with Tandem open is reminded in the app, the away reader by email. The away reader follows
// the link from the received message: the page only asks (opening it changes nothing: the next
// reminder still comes), the button unsubscribes, and the reminder after that is not emailed.
// Takes screenshots of the confirm page and of the admin's note after a second press (desktop and
// phone, light and dark); SHOTS_DIR picks where.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi } from "./support/accounts";
import { type MailingServer, startMailingServer } from "./support/mailServer";
import { screenshots } from "./support/screens";

test.describe.configure({ mode: "serial", timeout: 240_000 });

let server: MailingServer;
test.beforeAll(async () => {
  server = await startMailingServer({ ANNOUNCEMENT_EMAIL_DELAY_MS: "300" });
});
test.afterAll(async () => {
  await server?.stop();
});

const eventsOpen = (page: Page) => expect(page.getByTestId("events-status")).toHaveAttribute("data-state", "open", { timeout: 30_000 });

const shots = (page: Page, name: string, focus?: () => Promise<void>) =>
  screenshots(page, name, { dir: process.env.SHOTS_DIR ?? test.info().outputPath("screens"), focus });

/** Publishes an announcement that must be confirmed, from the admin page; returns its row. */
async function publishAck(admin: Page, title: string) {
  await admin.getByLabel("Title").fill(title);
  await admin.getByLabel("Message").fill("Please read the updated travel policy before booking.");
  await admin.getByLabel("People must confirm they have read it").check();
  await admin.getByRole("button", { name: "Publish" }).click();
  const row = admin.getByTestId("admin-announcement").filter({ hasText: title });
  await expect(row).toHaveAttribute("data-status", "active");
  return row;
}

/** Presses "Remind" on the row and waits for the page to say what it did. */
async function remind(row: ReturnType<Page["getByTestId"]>, says: string): Promise<void> {
  await row.getByRole("button", { name: "Remind", exact: true }).click();
  await expect(row.getByRole("status")).toHaveText(says);
}

test("an away reader unsubscribes from the link in a reminder email, and is not emailed again", async ({ browser }) => {
  const context = (baseURL: string) => browser.newContext({ baseURL });
  const adminContext = await context(server.url);
  await signInViaApi(adminContext, ADMIN);
  const away = newAccount("Away");
  const awayApi = await context(server.url);
  await signInViaApi(awayApi, away); // an account, with no page open
  const online = await context(server.url);
  await signInViaApi(online, newAccount("Online"));
  const onlinePage = await online.newPage();
  await onlinePage.goto("/dashboard");
  await eventsOpen(onlinePage);

  const admin = await adminContext.newPage();
  await admin.goto("/admin");
  await eventsOpen(admin);

  // The admin and the online reader have Tandem open: reminded in the app. The away one: by email.
  const first = `Travel policy ${Date.now().toString(36)}`;
  const firstRow = await publishAck(admin, first);
  await expect(onlinePage.getByTestId("announcement-banner").filter({ hasText: first })).toBeVisible({ timeout: 30_000 });
  await remind(firstRow, "Shown again to 2 people who have Tandem open. Emailed 1 person who is away.");
  const mail = await server.smtp.mailTo(away.email, 0, 15_000);
  expect(mail.subject).toBe(`Please read: ${first}`);
  expect(server.smtp.mails.filter((m) => m.subject.includes(first)).flatMap((m) => m.to)).toEqual([away.email]);

  // Pressed again at once: nothing new is emailed, and the page says why in plain words.
  await remind(
    firstRow,
    "Shown again to 2 people who have Tandem open. 1 person who is away was already emailed about this recently, so no new email was sent.",
  );

  await shots(admin, "admin-remind-cooldown", () => firstRow.getByRole("status").scrollIntoViewIfNeeded());

  // The link from the received message, opened as a mail client's browser would (not signed in).
  const link = /(http:\/\/\S+\/api\/unsubscribe\?token=[\w.-]+)/.exec(mail.text)?.[1];
  expect(link).toBeDefined();
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(link!);
  await expect(reader.getByRole("heading", { name: "Stop reminder emails?" })).toBeVisible();
  await expect(reader.getByText("Critical announcements (outages, urgent maintenance) are still emailed")).toBeVisible();
  await shots(reader, "unsubscribe-confirm");

  // Opening the page changed nothing: the next announcement's reminder is still emailed.
  const second = `Expense rules ${Date.now().toString(36)}`;
  const secondRow = await publishAck(admin, second);
  await remind(secondRow, "Shown again to 2 people who have Tandem open. Emailed 1 person who is away.");
  expect((await server.smtp.mailTo(away.email, server.smtp.mails.indexOf(mail) + 1, 15_000)).subject).toBe(`Please read: ${second}`);

  await reader.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(reader.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  await expect(reader.getByText("You will no longer get reminder emails about announcements.")).toBeVisible();

  // Unsubscribed: the reminder after that is not emailed, and the admin is told why.
  const third = `Office hours ${Date.now().toString(36)}`;
  const thirdRow = await publishAck(admin, third);
  const mailsBefore = server.smtp.mails.length;
  await remind(
    thirdRow,
    "Shown again to 2 people who have Tandem open. 1 person who is away has turned reminder emails off; they will see it when they next open Tandem.",
  );
  // A stray send would arrive within this long (the first one did, well inside it).
  await admin.waitForTimeout(2_000);
  expect(server.smtp.mails.slice(mailsBefore).filter((m) => m.to.includes(away.email))).toEqual([]);
});
