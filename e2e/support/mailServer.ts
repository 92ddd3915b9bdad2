// A Tandem server of the spec's own that sends email, for the specs that follow links from mail: the
// run's shared server has no SMTP_URL (its invitation dialog shows links instead), so this one gets
// a real SMTP receiver on loopback (test/people/smtpReceiver.ts) and its own data directory and port.
// It runs the same compiled server as playwright.config.ts's webServer (built before the specs run).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SmtpReceiver } from "../../test/people/smtpReceiver";

export type MailingServer = { url: string; smtp: SmtpReceiver; stop: () => Promise<void> };

export async function startMailingServer(env: Record<string, string> = {}): Promise<MailingServer> {
  const smtp = await SmtpReceiver.start();
  const dataDir = path.join(".tmp", `e2e-mail-${Date.now().toString(36)}`);
  const child = spawn(process.execPath, ["dist/server/index.mjs"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      REDIS_URL: "",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      ADMIN_EMAILS: "admin@e2e.test",
      SMTP_URL: smtp.url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await readyUrl(child);
  return {
    url,
    smtp,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The address the server prints once Next, the database and every channel are ready. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the mailing server did not start:\n${out}`)), 120_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Tandem is ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the mailing server exited (${code}):\n${out}`));
    });
  });
}
