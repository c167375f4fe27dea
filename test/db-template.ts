import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { openDb } from "@/db";
import postgres from "postgres";
import { PG_TEMPLATE_ENV, PGLITE_TEMPLATE_ENV } from "@/test/db";
import { stopBoss } from "@/lib/infra/jobs/boss";
import { prepareDb } from "@/lib/app/runtime";

/*
 * Vitest global set-up: one migrated PGlite (with pg-boss's schema) dumped to a file once per
 * run; test/db.ts loads it for every test file's fresh database. Built anew each run, so it
 * always matches the migrations in the tree.
 */
export default async function setup() {
  const dir = path.resolve(".data/vitest");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${process.pid}.tar`);
  const handle = await prepareDb(await openDb({}));
  await stopBoss(handle.db);
  const dump = await handle.pglite!.dumpDataDir("none");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  process.env[PGLITE_TEMPLATE_ENV] = file;

  const dropServerTemplate = process.env.TEST_DATABASE_URL ? await serverTemplate(process.env.TEST_DATABASE_URL) : undefined;
  return async () => {
    await rm(file, { force: true });
    await dropServerTemplate?.();
  };
}

/** A migrated template database on the test server (no connections left on it, as CREATE DATABASE … TEMPLATE needs). */
async function serverTemplate(baseUrl: string): Promise<() => Promise<void>> {
  const name = `slotbook_template_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}"`);
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await prepareDb(await openDb({ url: url.toString() }));
  await stopBoss(handle.db);
  await handle.close();
  process.env[PG_TEMPLATE_ENV] = name;
  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}
