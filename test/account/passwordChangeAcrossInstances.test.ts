// The hosted mode: a password changed in Settings on instance one signs out every other session of the
// account at once, on every channel (collab socket, socket.io, event stream) and on instance two too
// (the bus carries `credential.revoked` through Redis), as deactivation does; the session that changed
// it keeps working and so do personal access tokens (as on GitHub and GitLab: revoke them separately).
import { expect, test } from "vitest";
import { ApiClient } from "../helpers/server";
import { CloseVariants } from "../../lib/collab/closeCodes";
import { CreatedTokenResponse } from "../../lib/contracts/tokens";
import { openRaw, until } from "../collab/wsClients";
import { SseReader } from "../events/helpers";
import { connected, openSocket } from "../realtime/helpers";
import { twoInstances } from "../hosted/twoInstances";

const cluster = twoInstances("password");

test("a new password ends the other sessions' channels on every instance, and only those", { timeout: 120_000 }, async (ctx) => {
  if (!cluster.available) return ctx.skip();
  const { one, two } = cluster;
  const laptop = new ApiClient(one.url, { origin: one.url });
  const user = await laptop.signup("Pia Password");
  const documentId = (await laptop.post("/api/documents", { title: "Keep it safe" })).body.id;
  const { token } = CreatedTokenResponse.parse((await laptop.post("/api/tokens", { name: "Backup script" })).body);

  // The phone's session, with all its channels open on instance two.
  const phone = new ApiClient(two.url, { origin: two.url });
  expect((await phone.post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);
  const collab = openRaw(`${two.url.replace(/^http/, "ws")}/collab/${documentId}`, { cookie: phone.cookie, origin: two.url });
  await collab.opened;
  const phoneSocket = await connected(openSocket(two.url, { transport: "websocket", cookie: phone.cookie }));
  let phoneGone = false;
  phoneSocket.on("disconnect", () => (phoneGone = true));
  const stream = await SseReader.open(`${two.url}/api/events`, { cookie: phone.cookie });
  await stream.waitFor(() => stream.named("version")[0], 5_000, "the stream's greeting");

  // The laptop's own socket (the session that changes the password) and a token's socket, on instance
  // one (each test instance has its own SESSION_SECRET, so a credential works where it was made).
  const laptopSocket = await connected(openSocket(one.url, { transport: "websocket", cookie: laptop.cookie }));
  const tokenSocket = await connected(openSocket(one.url, { transport: "websocket", token: token.token }));
  let keptGone = false;
  for (const s of [laptopSocket, tokenSocket]) s.on("disconnect", () => (keptGone = true));

  const started = Date.now();
  expect((await laptop.request("PUT", "/api/me/password", { currentPassword: user.password, newPassword: "a brand new secret" })).status).toBe(204);
  expect(await collab.closed).toEqual(CloseVariants.SignedOut);
  await until(() => phoneGone, 5_000, "the phone's socket.io to disconnect");
  await stream.waitFor(() => stream.closed, 5_000, "the phone's stream to end");
  expect(Date.now() - started, "at once: well under the minute-long re-check").toBeLessThan(5_000);
  expect((await phone.get("/api/me")).status).toBe(401);

  // The current session and the token stay, live and over HTTP.
  await new Promise((r) => setTimeout(r, 300));
  expect(keptGone).toBe(false);
  expect(laptopSocket.connected && tokenSocket.connected).toBe(true);
  expect((await laptop.get("/api/me")).status).toBe(200);
  expect((await new ApiClient(one.url).get("/api/me", { authorization: `Bearer ${token.token}` })).status).toBe(200);
  for (const s of [phoneSocket, laptopSocket, tokenSocket]) s.disconnect();
  stream.close();
});
