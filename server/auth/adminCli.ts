// Make an existing account administrator (or not) from the server's own shell:
//   node --import tsx server/auth/adminCli.ts grant <email>     (asks for that account's password)
//   node --import tsx server/auth/adminCli.ts revoke <email>
// with the server's environment (DATA_DIR / DATABASE_URL). Needed because ADMIN_EMAILS only works for
// a sign-up from the server machine (see Auth.signup). Two proofs instead of an email verification:
// a shell on the server, and the account's password, so an account that someone else registered
// with the operator's address first is never promoted by mistake.
import readline from "node:readline";
import { loadConfig } from "../config";
import { createDb } from "../db/client";
import { verifyPassword } from "./password";

async function readPassword(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write("That account's password: ");
  const line = await new Promise<string>((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  return line;
}

async function main(): Promise<number> {
  const [command, rawEmail] = process.argv.slice(2);
  if ((command !== "grant" && command !== "revoke") || !rawEmail) {
    console.error("Usage: node --import tsx server/auth/adminCli.ts grant|revoke <email>");
    return 2;
  }
  const email = rawEmail.trim().toLowerCase();
  const db = await createDb(loadConfig(process.env));
  try {
    const user = await db.user.findUnique({ where: { email } });
    if (!user) {
      console.error(`No account has the email ${email}. Sign up first, then run this again.`);
      return 1;
    }
    if (command === "grant" && !(await verifyPassword(await readPassword(), user.passwordHash))) {
      console.error(
        "That password is not this account's: nothing changed. If you did not create this account, someone else registered your address: sign up with another one.",
      );
      return 1;
    }
    await db.user.update({ where: { id: user.id }, data: { isAdmin: command === "grant" } });
    console.log(command === "grant" ? `${email} is now an administrator.` : `${email} is no longer an administrator.`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main();
