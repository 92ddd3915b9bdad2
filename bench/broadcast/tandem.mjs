// Tandem's own event stream as a broadcast target, beside the minimal servers: the real server
// (`npm start`'s compiled entry), every client a signed-in member on `GET /api/events` (authenticated,
// audience-checked, replay ring on), each announcement posted by an administrator over the HTTP API.
// Latency runs from just before the POST to arrival, so it includes what the minimal servers skip:
// the request, validation, the database write and the bus. Each announcement is revoked after it
// was measured, so streams that connect later are not greeted with a growing list.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { tandem } from "../targets/index.mjs";
import { announcement } from "./control.mjs";
import { signup } from "../lib/tandemAccounts.mjs";

/** The title carries the bench's message id and send time, which is all the load generator reads. */
export const benchTitle = (payload) => `bench ${payload.id} ${payload.t}`;

export async function startTandemBroadcast() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-sse-"));
  const adminEmail = `bench-admin-${process.pid}@example.com`;
  const proc = await tandem.start({
    dataDir,
    // One member holds every stream (the default allows 20 per account, for browsers, not load generators).
    env: { ADMIN_EMAILS: adminEmail, EVENT_STREAMS_PER_ACCOUNT: "1000000", LOG_LEVEL: "warn" },
  });
  const base = `http://127.0.0.1:${proc.port}`;
  const adminCookie = await signup(base, adminEmail, "Bench admin");
  const memberCookie = await signup(base, `bench-member-${process.pid}@example.com`, "Bench member");
  const admin = async (method, p, body) => {
    const res = await fetch(base + p, {
      method,
      headers: { "content-type": "application/json", cookie: adminCookie, origin: base },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`tandem ${method} ${p} failed: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  async function openStreams() {
    const res = await fetch(`${base}/metrics`);
    const line = (await res.text()).split("\n").find((l) => l.startsWith("tandem_sse_connections "));
    return line ? Number(line.split(" ")[1]) : 0;
  }
  let lastAnnouncementId = null;
  return {
    child: proc.child,
    port: proc.port,
    connect: { path: "/api/events", headers: { cookie: memberCookie }, format: "tandem" },
    alive: () => proc.child.exitCode === null && proc.child.signalCode === null,
    async ask(cmd, extra = {}) {
      switch (cmd) {
        case "broadcast": {
          const payload = announcement(extra.messageId);
          const created = await admin("POST", "/api/admin/announcements", {
            title: benchTitle(payload),
            body: payload.body,
            severity: "warning",
            audience: "users",
          });
          lastAnnouncementId = created.id ?? created.announcement?.id;
          return { connections: await openStreams(), bytes: null };
        }
        case "after": {
          if (lastAnnouncementId) await admin("DELETE", `/api/admin/announcements/${lastAnnouncementId}`);
          lastAnnouncementId = null;
          return {};
        }
        case "stats":
          return { connections: await openStreams() };
        default:
          throw new Error(`unknown command ${cmd}`);
      }
    },
    async stop() {
      await proc.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
