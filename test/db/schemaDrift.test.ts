// The models have one source of truth (prisma/schema.prisma). This test fails when
//  - prisma/postgres/schema.prisma was not regenerated from it, or
//  - either migrations folder no longer produces the schema its models describe
// (migrations applied to a fresh database vs. the models' own DDL applied to another, catalogs compared).
// The search index's raw-SQL objects (no model can describe them) are left out; test/search/schema.test.ts checks them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test } from "vitest";
import { freshDatabase } from "../helpers/server";
import { isSearchObject } from "../../server/search/schemaObjects";

const root = path.resolve(import.meta.dirname, "..", "..");
const prismaCli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build", "index.js");
const prisma = (args: string[], env: Record<string, string>) =>
  execFileSync(process.execPath, [prismaCli, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("the PostgreSQL schema is the generated copy of the SQLite one", () => {
  execFileSync(process.execPath, ["scripts/prisma-pg.mjs", "--check"], { cwd: root });
});

function sqliteCatalog(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name")
    .all() as Array<{ type: string; name: string; tbl_name: string }>;
  const ours = rows.filter((r) => !isSearchObject(r.name) && !isSearchObject(r.tbl_name));
  const out = ours.map((r) => `${r.type} ${r.name} on ${r.tbl_name}`);
  for (const t of ours.filter((r) => r.type === "table")) {
    for (const c of db.prepare(`PRAGMA table_info("${t.name}")`).all() as Array<Record<string, unknown>>) {
      out.push(`${t.name}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`);
    }
  }
  db.close();
  return out.sort();
}

test("SQLite migrations produce exactly the schema the models describe", { timeout: 120_000 }, () => {
  const fromMigrations = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-drift-"));
  prisma(["migrate", "deploy"], { DATA_DIR: fromMigrations, DATABASE_URL: "" });
  const ddl = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {});
  const fromModels = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tandem-drift-")), "models.db");
  const db = new Database(fromModels);
  db.exec(ddl);
  db.close();
  expect(sqliteCatalog(path.join(fromMigrations, "tandem.db"))).toEqual(sqliteCatalog(fromModels));
});

async function postgresCatalog(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const columns = await c.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name != '_prisma_migrations'`,
  );
  const indexes = await c.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename != '_prisma_migrations'`);
  const constraints = await c.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace`);
  await c.end();
  return [
    ...columns.rows
      .filter((r) => !isSearchObject(r.table_name))
      .map((r) => `${r.table_name}.${r.column_name} ${r.data_type} ${r.is_nullable} ${r.column_default}`),
    ...indexes.rows.filter((r) => !isSearchObject(r.indexname)).map((r) => `${r.indexname} ${r.indexdef}`),
    ...constraints.rows.filter((r) => !r.conname.startsWith("_prisma") && !isSearchObject(r.conname)).map((r) => `${r.conname} ${r.def}`),
  ].sort();
}

const postgres = process.env.TEST_POSTGRES_URL ? test : test.skip;
postgres("PostgreSQL migrations produce exactly the schema the models describe", { timeout: 120_000 }, async () => {
  const a = (await freshDatabase())!;
  const b = (await freshDatabase())!;
  try {
    prisma(["migrate", "deploy"], { DATABASE_URL: a.url });
    const ddl = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--script"], {
      DATABASE_URL: b.url,
    });
    const c = new pg.Client({ connectionString: b.url });
    await c.connect();
    await c.query(ddl);
    await c.end();
    expect(await postgresCatalog(a.url)).toEqual(await postgresCatalog(b.url));
  } finally {
    await a.drop();
    await b.drop();
  }
});
