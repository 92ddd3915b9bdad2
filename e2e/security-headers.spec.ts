// Security headers in the browser (issue 12, item 7): every response from our origin carries them,
// pages run under a nonce CSP without 'unsafe-inline' scripts, and no page trips a single CSP
// violation while it is used for real (sign up, dashboard, open a document and type, settings, admin).
import { expect, test, type Page, type Response } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi, signUp } from "./support/accounts";
import { createDocument, expectTextContains, openDocument, typeOnNewLine } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

type Problem = { url: string; problem: string };

/** Collects CSP violations (the DOM event and Chromium's console line) and responses missing a header. */
async function watch(page: Page): Promise<Problem[]> {
  const problems: Problem[] = [];
  await page.exposeBinding("__reportCspViolation", (_source, v: { directive: string; blocked: string; sample: string }) =>
    problems.push({ url: page.url(), problem: `CSP violation: ${v.directive} blocked ${v.blocked} ${v.sample}` }),
  );
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
      }),
    );
  });
  page.on("console", (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) problems.push({ url: page.url(), problem: `console: ${msg.text()}` });
  });
  page.on("response", (res) => {
    for (const problem of headerProblems(res, page)) problems.push({ url: res.url(), problem });
  });
  return problems;
}

function headerProblems(res: Response, page: Page): string[] {
  const base = new URL(page.url() === "about:blank" ? res.url() : page.url()).origin;
  if (new URL(res.url()).origin !== base || res.status() === 101) return [];
  const h = res.headers();
  const out: string[] = [];
  if (h["x-frame-options"] !== "DENY") out.push(`X-Frame-Options is ${h["x-frame-options"]}`);
  if (h["x-content-type-options"] !== "nosniff") out.push(`X-Content-Type-Options is ${h["x-content-type-options"]}`);
  if (!["strict-origin-when-cross-origin", "same-origin", "no-referrer", "strict-origin"].includes(h["referrer-policy"]))
    out.push(`Referrer-Policy is ${h["referrer-policy"]}`);
  if ("strict-transport-security" in h) out.push("HSTS on a plain-http server");
  const csp = h["content-security-policy"];
  if (!csp) return [...out, "no Content-Security-Policy"];
  if (!csp.includes("frame-ancestors 'none'")) out.push("CSP without frame-ancestors 'none'");
  if (res.request().resourceType() === "document") {
    const script =
      csp
        .split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith("script-src")) ?? "";
    if (!/'nonce-[A-Za-z0-9+/=]+'/.test(script)) out.push("page CSP without a nonce");
    if (script.includes("'unsafe-inline'")) out.push("page CSP allows inline scripts");
    for (const d of ["object-src 'none'", "base-uri 'self'"]) if (!csp.includes(d)) out.push(`page CSP without ${d}`);
    if (!/connect-src [^;]*'self'/.test(csp)) out.push("page CSP without connect-src 'self'");
  }
  return out;
}

test("the public pages and a new account's pages work under the CSP, with every header on every response", async ({ page }) => {
  const problems = await watch(page);
  const seen = new Set<string>();
  page.on("response", (res) => seen.add(res.request().resourceType()));

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Write together, in real time." })).toBeVisible();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  // Sign up through the page: a form, client-side navigation, the session, the event stream.
  const account = newAccount("Csp");
  await signUp(page, account);
  await expect(page.getByTestId("new-document-title")).toBeVisible();

  // A document: the editor hydrates, the collaboration WebSocket connects, typing reaches the server.
  const id = await createDocument(page.context(), "Under a strict policy");
  await openDocument(page, id);
  await typeOnNewLine(page, "typed under the CSP");
  await expectTextContains(page, "typed under the CSP");
  await page.screenshot({ path: "test-results/security-headers-document.png", fullPage: true });
  await page.reload();
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  await expectTextContains(page, "typed under the CSP");

  // Settings: a form that creates a token.
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("CSP script");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token-value")).toBeVisible();

  await page.goto("/dashboard");
  // The document is listed twice (Recently opened and the list): wait for the list's row.
  await expect(page.getByTestId("document-link").filter({ hasText: "Under a strict policy" })).toBeVisible();
  await page.screenshot({ path: "test-results/security-headers-dashboard.png", fullPage: true });

  // Styles applied (Tailwind): the body's background is not the browser default.
  const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily + "|" + getComputedStyle(document.querySelector("main")!).maxWidth);
  expect(styled).not.toContain("none");

  expect(seen.has("document") && seen.has("script") && seen.has("stylesheet"), [...seen].join(",")).toBe(true);
  expect(problems).toEqual([]);
});

test("the admin page works under the CSP", async ({ page }) => {
  const problems = await watch(page);
  await signInViaApi(page.context(), ADMIN);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Announcements" })).toBeVisible();
  await page.getByLabel("Title").fill("Checked under CSP");
  await page.getByLabel("Message").fill("Some **Markdown**.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("announcement-preview")).toContainText("Markdown");
  expect(problems).toEqual([]);
});

test("injected markup cannot run script, and the refusal is what the watcher sees", async ({ page }) => {
  // The checks above must be able to fail: inject the way an HTML injection would (an inline event
  // handler, a javascript: link, a parser-inserted inline script) and see each refused and reported.
  const problems = await watch(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const w = window as unknown as Record<string, boolean>;
    const box = document.createElement("div");
    box.innerHTML = '<img src="data:," onerror="window.__byHandler = true"><a id="js-link" href="javascript:window.__byLink = true">x</a>';
    document.body.appendChild(box);
    (document.getElementById("js-link") as HTMLAnchorElement).click();
    const frame = document.createElement("iframe");
    frame.srcdoc = "<script>parent.__bySrcdoc = true</script>";
    document.body.appendChild(frame);
    await new Promise((r) => setTimeout(r, 500));
    return { handler: !!w.__byHandler, link: !!w.__byLink, srcdoc: !!w.__bySrcdoc };
  });
  expect(ran).toEqual({ handler: false, link: false, srcdoc: false });
  await expect.poll(() => problems.filter((p) => p.problem.startsWith("CSP violation")).length).toBeGreaterThanOrEqual(2);
});

test("static files, the icon, API answers and 404 pages carry the headers too", async ({ page, request }) => {
  await page.goto("/login");
  const css = await page.evaluate(() => Array.from(document.querySelectorAll('link[rel="stylesheet"]'), (l) => (l as HTMLLinkElement).href));
  const js = await page.evaluate(() => Array.from(document.scripts, (s) => s.src).filter(Boolean));
  expect(css.length).toBeGreaterThan(0);
  expect(js.length).toBeGreaterThan(0);
  for (const url of [css[0], js[0], "/icon.svg", "/sw.js", "/healthz", "/api/me", "/api/documents/%ZZ", "/no-such-page", "/documents/%ZZ"]) {
    const res = await request.get(url);
    const h = res.headers();
    expect(h["content-security-policy"], url).toBeTruthy();
    expect(h["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(res.status(), url).toBeLessThan(500);
  }
});
