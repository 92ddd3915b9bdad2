// The server the fuzzers attack: its own process (so its descriptors can be counted in /proc/<pid>/fd
// and a crash is seen as an exit), a victim who owns a document with content, a comment and a member,
// and fuzzing accounts that are members of a playground document only. After every batch the checks
// below must hold.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { ApiClient } from "../../helpers/server";
import { connected, openSocket, type ClientSocket } from "../../realtime/helpers";
import { YClient } from "../support/yClient";
import { SESSION_COOKIE } from "../../../server/http/cookies";

const ROOT = path.resolve(import.meta.dirname, "../../..");
/** Descriptors the server may hold above its idle baseline after a batch (pooled keep-alive sockets, the SQLite WAL). */
export const FD_SLACK = 25;

export type Account = { api: ApiClient; id: string; email: string; cookie: string };

export class FuzzTarget {
  stderr = "";
  /** The exit code or signal once the current process has exited; undefined while it runs. */
  exited: number | string | undefined;
  /** performance.now() when the current process exited. */
  exitedAt = 0;
  victim!: Account & { docId: string };
  fuzzers: Account[] = [];
  playgroundId = "";
  /** Every account's user id: targets for /members/:userId. */
  userIds: string[] = [];
  baselineFds = 0;
  private victimBefore = "";

  private constructor(
    public child: ChildProcess,
    public url: string,
    private readonly dataDir: string,
  ) {
    this.watch(child);
  }

  private watch(child: ChildProcess): void {
    this.exited = undefined;
    child.stderr!.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-20_000)));
    child.once("exit", (code, signal) => {
      this.exited = code ?? signal ?? -1;
      this.exitedAt = performance.now();
    });
  }

  get host(): { hostname: string; port: number } {
    const u = new URL(this.url);
    return { hostname: u.hostname, port: Number(u.port) };
  }

  private static spawnServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "test/collab/serverProcess.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new Promise((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.on("line", (line) => {
        const m = /^READY (\S+)/.exec(line);
        if (m) resolve({ child, url: m[1] });
      });
      child.once("exit", (code) => reject(new Error(`fuzz target exited early (${code})`)));
    });
  }

  static async start(fuzzerCount = 3): Promise<FuzzTarget> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-fuzz-"));
    const { child, url } = await FuzzTarget.spawnServer(dataDir);
    const target = new FuzzTarget(child, url, dataDir);
    await target.cast(fuzzerCount);
    return target;
  }

  /**
   * A new process on the same data (after a crash): accounts, sessions and documents are the stored
   * ones, so the victim's document must come back exactly as it was. Returns the crash's stderr.
   */
  async restart(): Promise<string> {
    const crash = this.stderr;
    this.stderr = "";
    if (this.exited === undefined) {
      const gone = new Promise((r) => this.child.once("exit", r));
      this.child.kill("SIGKILL");
      await gone; // two processes on one SQLite file would only wait on each other's locks
    }
    const { child, url } = await FuzzTarget.spawnServer(this.dataDir);
    this.child = child;
    this.url = url;
    this.watch(child);
    this.victim.api = Object.assign(new ApiClient(url, { origin: url }), { cookie: this.victim.cookie });
    await new Promise((r) => setTimeout(r, 300));
    this.baselineFds = this.fdCount();
    return crash;
  }

  private async account(name: string): Promise<Account> {
    const api = new ApiClient(this.url, { origin: this.url });
    const user = await api.signup(name, undefined, "correct horse battery staple");
    return { api, id: user.id, email: user.email, cookie: api.cookie };
  }

  private async cast(fuzzerCount: number): Promise<void> {
    // The victim signs up first, so the administrator is the victim, not a fuzzer.
    const victim = await this.account("Victim");
    const doc = await victim.api.post("/api/documents", { title: "Victim's precious document" });
    if (doc.status !== 201) throw new Error(`victim document: ${doc.status}`);
    this.victim = { ...victim, docId: doc.body.id };
    const friend = await this.account("Friend");
    await victim.api.post(`/api/documents/${doc.body.id}/members`, { email: friend.email, role: "viewer" });
    for (let i = 0; i < fuzzerCount; i++) this.fuzzers.push(await this.account(`Fuzzer ${i}`));
    const playground = await this.fuzzers[0].api.post("/api/documents", { title: "Playground" });
    this.playgroundId = playground.body.id;
    this.userIds = [victim.id, friend.id, ...this.fuzzers.map((f) => f.id)];
    for (const f of this.fuzzers.slice(1)) await this.fuzzers[0].api.post(`/api/documents/${this.playgroundId}/members`, { email: f.email, role: "editor" });

    const writer = this.yClient(victim.cookie, doc.body.id);
    if ((await writer.outcome()) !== "open") throw new Error("victim could not open the document");
    writer.sendEdit("victim", "Every word of this must survive the fuzzers.");
    await writer.requestState();
    await writer.close();
    const socket = await this.victimSocket();
    const c: any = await (socket.timeout(5_000) as any).emitWithAck("comment:create", {
      documentId: doc.body.id,
      body: "A comment the fuzzers must not touch",
    });
    socket.close();
    if (!c.ok) throw new Error(`victim comment: ${JSON.stringify(c)}`);
    this.victimBefore = await this.victimState();
    await new Promise((r) => setTimeout(r, 300));
    this.baselineFds = this.fdCount();
  }

  yClient(cookie: string, documentId: string): YClient {
    return new YClient(this.url.replace(/^http/, "ws") + "/collab/" + documentId, { cookie, origin: this.url });
  }

  private victimSocket(): Promise<ClientSocket> {
    return connected(openSocket(this.url, { transport: "websocket", cookie: this.victim.cookie }));
  }

  /** Everything the victim can see of their document: title, members, comments, text. */
  async victimState(): Promise<string> {
    const meta = await this.victim.api.get(`/api/documents/${this.victim.docId}`);
    const members = await this.victim.api.get(`/api/documents/${this.victim.docId}/members`);
    const socket = await this.victimSocket();
    const comments: any = await (socket.timeout(5_000) as any).emitWithAck("comments:list", { documentId: this.victim.docId });
    socket.close();
    const reader = this.yClient(this.victim.cookie, this.victim.docId);
    const opened = await reader.outcome();
    const synced = opened === "open" && (await reader.requestState());
    const text = reader.text("victim");
    await reader.close();
    return JSON.stringify({
      title: meta.body?.title,
      status: meta.status,
      members: members.body?.members?.map((m: { userId: string; role: string }) => `${m.userId}:${m.role}`),
      comments: comments.ok ? comments.comments.map((c: { id: string; body: string }) => `${c.id}:${c.body}`) : comments,
      collab: synced ? "synced" : `not synced (${opened})`,
      text,
    });
  }

  fdCount(): number {
    return fs.readdirSync(`/proc/${this.child.pid}/fd`).length;
  }

  /** GET /healthz on a fresh connection (no pooled socket hides a refusal). */
  healthz(timeoutMs = 3_000): Promise<number | string> {
    return new Promise((resolve) => {
      const req = http.get({ ...this.host, path: "/healthz", agent: false, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("timeout", () => (req.destroy(), resolve("timeout")));
      req.on("error", (e) => resolve(e.message));
    });
  }

  /** The after-batch checks: every problem as a sentence, none when all hold. */
  async check(): Promise<string[]> {
    const problems: string[] = [];
    if (this.exited !== undefined) return [`the server process exited (${this.exited}); stderr: ${this.stderr.slice(-2_000)}`];
    const health = await this.healthz();
    if (health !== 200) problems.push(`/healthz answered ${health}`);
    // Connections the batch opened close asynchronously: give them a few seconds to go.
    let fds = this.fdCount();
    for (let i = 0; i < 50 && fds > this.baselineFds + FD_SLACK; i++) {
      await new Promise((r) => setTimeout(r, 100));
      fds = this.fdCount();
    }
    if (fds > this.baselineFds + FD_SLACK) problems.push(`open descriptors ${fds}, baseline ${this.baselineFds} (+${FD_SLACK} allowed)`);
    const now = await this.victimState();
    if (now !== this.victimBefore) problems.push(`the victim's document changed:\n  before ${this.victimBefore}\n  after  ${now}`);
    return problems;
  }

  cookieHeader(account: Account): string {
    return account.cookie || `${SESSION_COOKIE}=none`;
  }

  async stop(): Promise<void> {
    if (this.exited === undefined) {
      const gone = new Promise((r) => this.child.once("exit", r));
      this.child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
      if (this.exited === undefined) this.child.kill("SIGKILL");
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
