// The hosted mode: an administrator deactivates an account on instance one; its collab socket, its
// socket.io connection and its event stream, all open on instance two, end at once (the bus carries
// `account.deactivated` through Redis to the other instance's access authority).
import { expect, test } from "vitest";
import { ApiClient } from "../helpers/server";
import { CloseVariants } from "../../lib/collab/closeCodes";
import { openRaw, until } from "../collab/wsClients";
import { SseReader } from "../events/helpers";
import { connected, openSocket } from "../realtime/helpers";
import { twoInstances } from "../hosted/twoInstances";

const cluster = twoInstances("people");

test("deactivating on one instance ends every channel of the account on the other", { timeout: 120_000 }, async (ctx) => {
  if (!cluster.available) return ctx.skip();
  const { one, two } = cluster;
  const admin = new ApiClient(one.url, { origin: one.url });
  const { id: adminId } = await admin.signup("Cluster Admin");
  await one.services.db.user.update({ where: { id: adminId }, data: { isAdmin: true } });

  // Bo's channels all on instance two.
  const bo = new ApiClient(two.url, { origin: two.url });
  const boUser = await bo.signup("Bo Elsewhere");
  const documentId = (await bo.post("/api/documents", { title: "Far away" })).body.id;
  const collab = openRaw(`${two.url.replace(/^http/, "ws")}/collab/${documentId}`, { cookie: bo.cookie, origin: two.url });
  await collab.opened;
  const socket = await connected(openSocket(two.url, { transport: "websocket", cookie: bo.cookie }));
  let disconnected = false;
  socket.on("disconnect", () => (disconnected = true));
  const stream = await SseReader.open(`${two.url}/api/events`, { cookie: bo.cookie });
  await stream.waitFor(() => stream.named("version")[0], 5_000, "the stream's greeting");

  const started = Date.now();
  expect((await admin.patch(`/api/admin/people/${boUser.id}`, { deactivated: true })).status).toBe(200);
  expect(await collab.closed).toEqual(CloseVariants.AccountDeactivated);
  await until(() => disconnected, 5_000, "socket.io to disconnect");
  await stream.waitFor(() => stream.closed, 5_000, "the stream to end");
  // At once: well under the authority's minute-long re-check.
  expect(Date.now() - started).toBeLessThan(5_000);
  expect((await bo.get("/api/me")).status).toBe(401);
  socket.disconnect();
  stream.close();
});
