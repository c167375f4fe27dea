import { execFile } from "node:child_process";
import { cp, mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/**
 * A clean copy of the project at `root` in `dest`, as a newcomer's clone would be: every file
 * git tracks or would track (untracked, not ignored), so uncommitted work comes along and no
 * ignored file does (no .data/, .next*, next-env.d.ts, caches); `ref` copies that commit's tree
 * instead (`git archive`). node_modules is hard-linked from the installed one (Turbopack refuses
 * a node_modules symlink that points out of the project), or symlinked when `dest` is on
 * another file system.
 */
export async function cleanCopy(root: string, dest: string, ref?: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  if (ref) {
    await execFileAsync("sh", ["-c", `git -C "$1" archive "$2" | tar -x -C "$3"`, "sh", root, ref, dest]);
  } else {
    const { stdout } = await execFileAsync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    const files = stdout.split("\0").filter(Boolean);
    const dirs = new Set(files.map((f) => path.dirname(path.join(dest, f))));
    await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
    for (const f of files) {
      await cp(path.join(root, f), path.join(dest, f), { preserveTimestamps: true }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOENT") throw e; // deleted in the working tree, not yet committed
      });
    }
  }
  try {
    await execFileAsync("cp", ["-al", path.join(root, "node_modules"), path.join(dest, "node_modules")]);
  } catch {
    await rm(path.join(dest, "node_modules"), { recursive: true, force: true });
    await symlink(path.join(root, "node_modules"), path.join(dest, "node_modules"), "dir");
  }
}

/** The app's configuration variables (README, Configuration): none of them set by the shell. */
const APP_VARS = [
  "DATABASE_URL", "DATABASE_PREPARE", "PGLITE_DIR", "APP_URL", "PORT", "AUTH_SECRET", "TOKEN_ENCRYPTION_KEY",
  "TOKEN_ENCRYPTION_KEYS_OLD", "SMTP_URL", "MAIL_FROM", "MAILBOX_UI", "RATE_LIMIT_PER_MINUTE", "TRUST_PROXY_HOPS",
  "LOG_LEVEL", "HOSTNAME", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GOOGLE_OAUTH_AUTH_URL", "GOOGLE_OAUTH_TOKEN_URL",
  "GOOGLE_OAUTH_REVOKE_URL", "GOOGLE_API_ROOT_URL", "NODE_ENV", "SLOTBOOK_ALLOW_DEV_SECRETS", "NEXT_DIST_DIR",
  "GOOGLE_FAKE_PORT", "E2E_FIXTURES", "E2E_FIXTURES_SECRET", "TZ",
];

/** A newcomer's shell: this one minus the app's variables, Vitest's and npm's own. */
export function newcomerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const k of Object.keys(env)) {
    if (APP_VARS.includes(k) || k.startsWith("npm_") || k.startsWith("VITEST") || k.startsWith("SLOTBOOK_")) delete env[k];
  }
  return Object.assign(env, extra);
}
