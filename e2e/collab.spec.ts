// Live co-editing end to end: two people in separate browsers type into one document over the real
// WebSocket, see each other's text and named carets, keep working offline and merge on reconnect, find
// everything again after a reload, and a viewer watches without being able to change anything.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signInViaApi, type Account } from "./support/accounts";
import {
  caretOf,
  connectionState,
  createDocument,
  documentText,
  editor,
  expectTextContains,
  openDocument,
  share,
  typeOnNewLine,
  type Role,
} from "./support/documents";

// Each test walks a multi-browser story on a shared 2-core machine: allow well beyond the default.
test.describe.configure({ timeout: 240_000 });

type Person = { account: Account; context: BrowserContext; page: Page };

async function person(browser: Browser, name: string): Promise<Person> {
  const account = newAccount(name);
  const context = await browser.newContext();
  await signInViaApi(context, account);
  return { account, context, page: await context.newPage() };
}

/** An owner with a fresh document, and one more person per role given, all with the document open. */
async function sharedDocument(browser: Browser, title: string, ...roles: Role[]) {
  const owner = await person(browser, "Ada");
  const others = await Promise.all(roles.map((_, i) => person(browser, ["Bea", "Cyd", "Dov"][i] ?? "Eve")));
  const documentId = await createDocument(owner.context, title);
  for (const [i, role] of roles.entries()) await share(owner.context, documentId, others[i].account, role);
  await openDocument(owner.page, documentId);
  for (const other of others) await openDocument(other.page, documentId);
  const close = async () => {
    for (const p of [owner, ...others]) await p.context.close();
  };
  return { documentId, owner, others, close };
}

test("two editors see each other's text and named carets", async ({ browser }) => {
  const {
    owner: ada,
    others: [bea],
    close,
  } = await sharedDocument(browser, "Carets", "editor");

  // Both are present: each page shows two avatars.
  await expect(ada.page.getByTestId("presence-avatar")).toHaveCount(2, { timeout: 30_000 });
  await expect(bea.page.getByTestId("presence-avatar")).toHaveCount(2, { timeout: 30_000 });

  await editor(ada.page).click();
  await ada.page.keyboard.type("Written by the owner.");
  await expectTextContains(bea.page, "Written by the owner.");

  await typeOnNewLine(bea.page, "Answered by the editor.");
  await expectTextContains(ada.page, "Written by the owner.", "Answered by the editor.");

  // Each sees the other's caret, labelled with the other's name (and not their own).
  await expect(caretOf(ada.page, bea.account.name)).toBeVisible({ timeout: 30_000 });
  await expect(caretOf(bea.page, ada.account.name)).toBeVisible({ timeout: 30_000 });
  await expect(caretOf(ada.page, ada.account.name)).toHaveCount(0);

  // Both end with the same document.
  await expect.poll(() => documentText(bea.page), { timeout: 30_000 }).toBe(await documentText(ada.page));
  await close();
});

test("offline edits merge on reconnect with the other side's concurrent edits", async ({ browser }) => {
  const {
    owner: ada,
    others: [bea],
    close,
  } = await sharedDocument(browser, "Offline", "editor");
  await editor(ada.page).click();
  await ada.page.keyboard.type("Shared first line.");
  await expectTextContains(bea.page, "Shared first line.");

  // Bea loses the network: the page says so, and she keeps typing.
  await bea.context.setOffline(true);
  await expect(connectionState(bea.page)).toHaveAttribute("data-state", /offline|reconnecting/, { timeout: 30_000 });
  await typeOnNewLine(bea.page, "Bea wrote this offline.");
  await bea.page.keyboard.press("ControlOrMeta+Home");
  await bea.page.keyboard.type("[Bea at the top] ");

  // Meanwhile Ada edits the same document, at the same places.
  await typeOnNewLine(ada.page, "Ada wrote this meanwhile.");
  await ada.page.keyboard.press("ControlOrMeta+Home");
  await ada.page.keyboard.type("[Ada at the top] ");
  await expectTextContains(ada.page, "Ada wrote this meanwhile.", "[Ada at the top] ");
  // Offline means offline: none of Ada's new text has reached Bea.
  const beaWhileOffline = await documentText(bea.page);
  expect(beaWhileOffline).not.toContain("Ada wrote this meanwhile.");
  expect(beaWhileOffline).toContain("Bea wrote this offline.");

  // Back online: the editor reconnects by itself and both sides end with everything, identically.
  await bea.context.setOffline(false);
  await expect(connectionState(bea.page)).toHaveAttribute("data-state", "connected", { timeout: 60_000 });
  const everything = ["Shared first line.", "Bea wrote this offline.", "[Bea at the top] ", "Ada wrote this meanwhile.", "[Ada at the top] "];
  await expectTextContains(bea.page, ...everything);
  await expectTextContains(ada.page, ...everything);
  await expect.poll(() => documentText(bea.page), { timeout: 30_000 }).toBe(await documentText(ada.page));

  // And it keeps working live afterwards.
  await typeOnNewLine(bea.page, "Back online and typing.");
  await expectTextContains(ada.page, "Back online and typing.");
  await close();
});

test("edits are stored: a reload and a fresh browser show them", async ({ browser }) => {
  const {
    documentId,
    owner: ada,
    others: [bea],
    close,
  } = await sharedDocument(browser, "Stored", "editor");
  await editor(ada.page).click();
  await ada.page.keyboard.type("Kept by the server.");
  await typeOnNewLine(bea.page, "Also kept.");
  await expectTextContains(ada.page, "Kept by the server.", "Also kept.");
  const expected = await documentText(ada.page);

  await ada.page.reload();
  await expect(editor(ada.page)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => documentText(ada.page), { timeout: 30_000 }).toBe(expected);

  // A browser with no local copy (no IndexedDB): everything must come from the server.
  const fresh = await ada.context.browser()!.newContext();
  await signInViaApi(fresh, ada.account);
  const page = await fresh.newPage();
  await openDocument(page, documentId);
  await expect.poll(() => documentText(page), { timeout: 30_000 }).toBe(expected);
  await fresh.close();
  await close();
});

test("a viewer sees live changes but cannot type", async ({ browser }) => {
  const {
    owner: ada,
    others: [vic],
    close,
  } = await sharedDocument(browser, "Read only", "viewer");
  await expect(editor(vic.page)).toHaveAttribute("contenteditable", "false");
  // One word for it, in the save status (a "View only" badge beside it said the same thing twice).
  await expect(vic.page.getByTestId("editor-chrome").getByText("Read-only", { exact: true })).toBeVisible();

  await editor(ada.page).click();
  await ada.page.keyboard.type("Owner's first words.");
  await expectTextContains(vic.page, "Owner's first words.");

  // The viewer clicks and types: nothing changes, here or for the owner.
  const before = await documentText(vic.page);
  await editor(vic.page).click();
  await vic.page.keyboard.type("viewer was here");
  await vic.page.keyboard.press("Enter");
  await vic.page.keyboard.press("Backspace");
  expect(await documentText(vic.page)).toBe(before);

  // The owner's next words arrive after anything the viewer could have sent, so by then it would show.
  await typeOnNewLine(ada.page, "Owner's second words.");
  await expectTextContains(vic.page, "Owner's second words.");
  expect(await documentText(vic.page)).not.toContain("viewer was here");
  expect(await documentText(ada.page)).not.toContain("viewer was here");
  await close();
});

test("keystroke-to-screen latency between two browsers (measured, not asserted)", async ({ browser }) => {
  const {
    owner: ada,
    others: [bea],
    close,
  } = await sharedDocument(browser, "Latency", "editor");
  const keys = "0123456789".split("");

  // The sender stamps each key as the browser receives it; the receiver stamps the first time the key's
  // character shows up in its editor. Both pages share this machine's clock (timeOrigin + now).
  await ada.page.evaluate(() => {
    const sent: Record<string, number> = {};
    (window as unknown as { __sent: typeof sent }).__sent = sent;
    window.addEventListener("keydown", (e) => void (sent[e.key] ??= performance.timeOrigin + performance.now()), { capture: true });
  });
  await bea.page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const root = document.querySelector('[data-testid="editor"]')!;
    const visibleText = () => {
      const copy = root.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".ProseMirror-widget").forEach((w) => w.remove());
      return copy.textContent ?? "";
    };
    new MutationObserver(() => {
      const now = performance.timeOrigin + performance.now();
      for (const ch of visibleText()) if (/\d/.test(ch)) seen[ch] ??= now;
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });

  await editor(ada.page).click();
  await ada.page.keyboard.type("Latency: ");
  await expectTextContains(bea.page, "Latency: ");
  for (const key of keys) {
    await ada.page.keyboard.press(key);
    // One at a time: the next key only once this one has arrived, so runs do not overlap.
    await expect
      .poll(() => bea.page.evaluate((k) => (window as unknown as { __seen: Record<string, number> }).__seen[k] ?? null, key), { timeout: 30_000 })
      .not.toBeNull();
  }

  const sent = await ada.page.evaluate(() => (window as unknown as { __sent: Record<string, number> }).__sent);
  const seen = await bea.page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
  const samples = keys.map((k) => seen[k] - sent[k]).sort((a, b) => a - b);
  const median = (samples[4] + samples[5]) / 2;
  const summary = `keystroke-to-screen latency over ${samples.length} keys: median ${median.toFixed(1)} ms, min ${samples[0].toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms`;
  console.log(summary);
  test.info().annotations.push({ type: "latency", description: summary });
  expect(samples.every((s) => Number.isFinite(s))).toBe(true);
  await close();
});
