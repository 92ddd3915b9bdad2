// The editor page, cold: JavaScript bytes over the wire and time until the editor is editable, with a
// new browser context (no HTTP cache) per load, against a running production server at BASE
// (`npm start`, default http://127.0.0.1:3000). Usage: BASE=http://127.0.0.1:3000 RUNS=5 node bench/editor-page.mjs
import { createRequire } from "node:module";
const require = createRequire(new URL("../package.json", import.meta.url));
const { chromium } = require("@playwright/test");
const BASE = process.env.BASE ?? "http://127.0.0.1:3000";
const RUNS = Number(process.env.RUNS ?? 5);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const setup = await browser.newContext();
const p = await setup.newPage();
const email = `m${Date.now()}@example.com`;
await p.goto(BASE);
await p.request.post(`${BASE}/api/auth/signup`, { data: { email, password: "correct horse battery", name: "Meas" }, headers: { origin: BASE } });
const doc = await (await p.request.post(`${BASE}/api/documents`, { data: { title: "Measure" }, headers: { origin: BASE } })).json();
const cookies = await setup.cookies();
const results = [];
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext();
  await ctx.addCookies(cookies);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map();
  let js = 0;
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) => {
    if (types.get(e.requestId) === "Script") js += e.encodedDataLength;
  });
  const t0 = Date.now();
  await page.goto(`${BASE}/documents/${doc.id}`);
  await page.locator('.ProseMirror[contenteditable="true"]').waitFor({ timeout: 30_000 });
  const editable = Date.now() - t0;
  await page.waitForLoadState("networkidle");
  results.push({ editableMs: editable, jsKB: Math.round(js / 1024) });
  await ctx.close();
}
console.log(JSON.stringify(results));
const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`median time to editable ${med(results.map((r) => r.editableMs))} ms, JS over the wire ${med(results.map((r) => r.jsKB))} KB`);
await browser.close();
