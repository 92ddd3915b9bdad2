// Invitations end to end: the owner shares with an email that has no account, a real SMTP server on
// loopback receives the message, the test follows its link through the API (read it, sign up, accept)
// and the membership exists. Then resend, cancel, expiry, sign-up without the link, and bad input.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { AddMemberResponse, InvitationCreated, InvitationListResponse, InvitationView } from "../../lib/contracts/invitations";
import { SmtpReceiver } from "./smtpReceiver";

let smtp: SmtpReceiver;
let server: TestServer;
let owner: ApiClient;
beforeAll(async () => {
  smtp = await SmtpReceiver.start();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: "Tandem <noreply@tandem.test>" });
  owner = new ApiClient(server.url, { origin: server.url });
  await owner.signup("Olga Owner");
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const client = () => new ApiClient(server.url, { origin: server.url });
const newEmail = (who: string) => `${who}-${Math.random().toString(36).slice(2, 8)}@example.org`;
const linkIn = (text: string) => {
  const url = /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!url) throw new Error(`no invitation link in: ${text}`);
  return new URL(url);
};
const tokenOf = (link: URL) => link.pathname.split("/").pop() as string;

async function newDocument(title: string): Promise<string> {
  return (await owner.post("/api/documents", { title })).body.id;
}

test("an invitation is emailed; its link leads to sign-up with that email, and the membership exists", async () => {
  const documentId = await newDocument("Launch plan");
  const email = newEmail("newcomer");
  const before = smtp.mails.length;
  const res = await owner.post(`/api/documents/${documentId}/members`, { email: email.toUpperCase(), role: "editor" });
  expect(res.status).toBe(201);
  const created = InvitationCreated.parse(res.body);
  expect(created).toMatchObject({ emailed: true, invitation: { email, role: "editor", invitedByName: "Olga Owner" } });
  expect(created.url, "the link is not shown when it was emailed").toBeUndefined();
  expect(AddMemberResponse.safeParse(res.body).success).toBe(true);

  const mail = await smtp.mailTo(email, before);
  expect(mail.from).toBe("noreply@tandem.test");
  expect(mail.subject).toBe("Olga Owner shared “Launch plan” with you on Tandem");
  expect(mail.text).toContain("invited you to edit “Launch plan”");
  const link = linkIn(mail.text);
  expect(link.origin).toBe(server.url);

  // The pending invitation is in the owner's list.
  const pending = InvitationListResponse.parse((await owner.get(`/api/documents/${documentId}/invitations`)).body).invitations;
  expect(pending.map((i) => i.email)).toEqual([email]);

  // The link's page: who invited, to what, and that there is no account yet.
  const visitor = client();
  const view = InvitationView.parse((await visitor.get(`/api/invitations/${tokenOf(link)}`)).body);
  expect(view).toEqual({ state: "pending", email, role: "editor", documentTitle: "Launch plan", invitedByName: "Olga Owner", accountExists: false });

  // Sign up with that email, then accept (signing up already honoured it; accepting is then a no-op).
  const newcomer = await visitor.signup("Nia Newcomer", email);
  const accepted = await visitor.post(`/api/invitations/${tokenOf(link)}/accept`, {});
  expect(accepted.status).toBe(200);
  expect(accepted.body).toEqual({ documentId });
  const members = (await owner.get(`/api/documents/${documentId}/members`)).body.members;
  expect(members).toContainEqual({ userId: newcomer.id, name: "Nia Newcomer", email, role: "editor", inheritedFrom: null });
  expect((await visitor.get(`/api/documents/${documentId}`)).body.role).toBe("editor");
  // Used: no longer pending, and the link says so.
  expect(InvitationListResponse.parse((await owner.get(`/api/documents/${documentId}/invitations`)).body).invitations).toEqual([]);
  expect((await client().get(`/api/invitations/${tokenOf(link)}`)).body).toEqual({ state: "invalid", invitedByName: "Olga Owner" });
});

test("an existing account accepts by signing in; another account cannot take the invitation", async () => {
  const documentId = await newDocument("Budget");
  const email = newEmail("later");
  const before = smtp.mails.length;
  expect((await owner.post(`/api/documents/${documentId}/members`, { email, role: "viewer" })).status).toBe(201);
  const link = linkIn((await smtp.mailTo(email, before)).text);

  const stranger = client();
  await stranger.signup("Sam Stranger");
  const refused = await stranger.post(`/api/invitations/${tokenOf(link)}/accept`, {});
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain(`sent to ${email}`);
  expect((await stranger.get(`/api/documents/${documentId}`)).status).toBe(404);

  // The account appears after the invitation (made by an administrator's import, say): it signs in and accepts.
  const invited = client();
  const user = await invited.signup("Ivy Invited", email); // honours it at sign-up already
  expect((await invited.get(`/api/documents/${documentId}`)).body.role).toBe("viewer");
  const again = client();
  expect((await again.post("/api/auth/login", { email, password: user.password })).status).toBe(200);
  expect((await again.post(`/api/invitations/${tokenOf(link)}/accept`, {})).body).toEqual({ documentId });
  expect(await server.services.db.membership.count({ where: { documentId, userId: user.id } })).toBe(1);
});

test("signing up with an invited email, without the link, shows the documents shared with it", async () => {
  const first = await newDocument("Shared one");
  const second = await newDocument("Shared two");
  const email = newEmail("organic");
  await owner.post(`/api/documents/${first}/members`, { email, role: "editor" });
  await owner.post(`/api/documents/${second}/members`, { email, role: "viewer" });
  const me = client();
  await me.signup("Oscar Organic", email);
  const docs = (await me.get("/api/documents")).body.documents as Array<{ id: string; role: string; ownerName: string }>;
  expect(docs.map((d) => [d.id, d.role]).sort()).toEqual(
    [
      [first, "editor"],
      [second, "viewer"],
    ].sort(),
  );
  expect(docs.every((d) => d.ownerName === "Olga Owner")).toBe(true);
});

test("resend sends a new link (the old one stops working); cancel makes the link say whom to ask", async () => {
  const documentId = await newDocument("Roadmap");
  const email = newEmail("resend");
  let before = smtp.mails.length;
  const created = InvitationCreated.parse((await owner.post(`/api/documents/${documentId}/members`, { email, role: "editor" })).body);
  const firstLink = linkIn((await smtp.mailTo(email, before)).text);

  // Inviting the same address again is a conflict that says what to do.
  const twice = await owner.post(`/api/documents/${documentId}/members`, { email, role: "viewer" });
  expect(twice.status).toBe(409);
  expect(twice.body.error).toMatchObject({ field: "email" });
  expect(twice.body.error.message).toMatch(/Resend/);

  before = smtp.mails.length;
  const resent = await owner.post(`/api/documents/${documentId}/invitations/${created.invitation.id}/resend`, {});
  expect(resent.status).toBe(200);
  const secondLink = linkIn((await smtp.mailTo(email, before)).text);
  expect(tokenOf(secondLink)).not.toBe(tokenOf(firstLink));
  expect((await client().get(`/api/invitations/${tokenOf(firstLink)}`)).status).toBe(404);
  expect((await client().get(`/api/invitations/${tokenOf(secondLink)}`)).body.state).toBe("pending");

  // Someone else (even a member) cannot cancel it.
  const editor = client();
  const editorUser = await editor.signup("Eda Editor");
  await owner.post(`/api/documents/${documentId}/members`, { email: editorUser.email, role: "editor" });
  expect((await editor.delete(`/api/documents/${documentId}/invitations/${created.invitation.id}`)).status).toBe(403);
  expect((await editor.get(`/api/documents/${documentId}/invitations`)).status).toBe(403);

  expect((await owner.delete(`/api/documents/${documentId}/invitations/${created.invitation.id}`)).status).toBe(204);
  expect((await client().get(`/api/invitations/${tokenOf(secondLink)}`)).body).toEqual({ state: "invalid", invitedByName: "Olga Owner" });
  const late = client();
  await late.signup("Lee Late", email);
  const accept = await late.post(`/api/invitations/${tokenOf(secondLink)}/accept`, {});
  expect(accept.status).toBe(404);
  expect(accept.body.error.message).toBe("This invitation is no longer valid — ask Olga Owner for a new one.");
  expect((await late.get(`/api/documents/${documentId}`)).status).toBe(404);
  expect((await owner.delete(`/api/documents/${documentId}/invitations/${created.invitation.id}`)).status).toBe(404);
});

test("an invitation expires after 7 days: its link is no longer valid and sign-up does not honour it", async () => {
  const documentId = await newDocument("Old news");
  const email = newEmail("expired");
  const before = smtp.mails.length;
  const created = InvitationCreated.parse((await owner.post(`/api/documents/${documentId}/members`, { email, role: "editor" })).body);
  const days = (Date.parse(created.invitation.expiresAt) - Date.parse(created.invitation.createdAt)) / 86_400_000;
  expect(days).toBeCloseTo(7, 2);
  const link = linkIn((await smtp.mailTo(email, before)).text);
  await server.services.db.invitation.update({ where: { id: created.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect((await client().get(`/api/invitations/${tokenOf(link)}`)).body).toEqual({ state: "invalid", invitedByName: "Olga Owner" });
  const late = client();
  await late.signup("Exp Ired", email);
  expect((await late.get(`/api/documents/${documentId}`)).status).toBe(404);
  // Expired: inviting again is allowed.
  expect((await owner.post(`/api/documents/${documentId}/members`, { email: newEmail("other"), role: "editor" })).status).toBe(201);
});

test("bad input: a malformed email or role, a foreign document, a malformed or unknown token", async () => {
  const documentId = await newDocument("Guarded");
  for (const body of [{ email: "not-an-email", role: "editor" }, { email: newEmail("x"), role: "owner" }, { email: newEmail("x") }]) {
    const res = await owner.post(`/api/documents/${documentId}/members`, body);
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  const other = client();
  await other.signup("Otto Other");
  expect((await other.post(`/api/documents/${documentId}/members`, { email: newEmail("y"), role: "editor" })).status).toBe(404);
  expect(await server.services.db.invitation.count({ where: { documentId } })).toBe(0);
  expect((await client().get("/api/invitations/short")).status).toBe(404);
  expect((await client().get(`/api/invitations/${"A".repeat(43)}`)).status).toBe(404);
  expect((await client().post(`/api/invitations/${"A".repeat(43)}/accept`, {})).status).toBe(401);
  expect((await owner.post(`/api/invitations/${"A".repeat(43)}/accept`, {})).status).toBe(404);
});

test("without SMTP_URL the log mailer writes what it would send, and the owner is shown the link", async () => {
  const quiet = await startTestServer();
  try {
    const lines: string[] = [];
    const log = quiet.services.log;
    const original = log.info.bind(log);
    log.info = ((obj: unknown, msg?: string) => {
      lines.push(`${msg} ${JSON.stringify(obj)}`);
      return original(obj as object, msg);
    }) as typeof log.info;
    const o = new ApiClient(quiet.url, { origin: quiet.url });
    await o.signup("Quiet Owner");
    const documentId = (await o.post("/api/documents", { title: "Offline" })).body.id;
    const email = newEmail("nomail");
    const created = InvitationCreated.parse((await o.post(`/api/documents/${documentId}/members`, { email, role: "viewer" })).body);
    expect(created.emailed).toBe(false);
    expect(created.url).toMatch(new RegExp(`^${quiet.url}/invite/[A-Za-z0-9_-]{43}$`));
    const wouldSend = lines.find((l) => l.startsWith("would send email"));
    expect(wouldSend).toContain(email);
    expect(wouldSend).toContain(created.url);
  } finally {
    await quiet.stop();
  }
});
