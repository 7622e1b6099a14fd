/**
 * A private, throwaway PostgreSQL cluster: initdb into a temporary folder,
 * started with pg_ctl on a free port, trust authentication, removed on stop.
 * The tests run against one (tests/unit/postgres-setup.ts); by hand,
 * `npx tsx scripts/postgres-cluster.ts` starts one and prints its
 * DATABASE_URL until Ctrl-C.
 *
 * PostgreSQL refuses to run as root, so when we are root the cluster's
 * folder belongs to the `postgres` user and its programs run as that user.
 * Durability is off (fsync, synchronous commit, full-page writes): a crash
 * loses the cluster, which is thrown away anyway.
 *
 * The benchmark (scripts/bench-postgres.ts) asks for a kept folder instead:
 * the cluster is created there once, started again on later runs, and left
 * in place on stop; and for durable writes, like a deployment's.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type PostgresCluster = {
  /** postgres://postgres@127.0.0.1:PORT — add a database name: `${url}/name`. */
  url: string;
  port: number;
  dir: string;
  stop: () => void;
};

const INSTALL_HINT = "PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN to the folder with initdb and pg_ctl).";

/** The folder with initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  // Debian's postgresql package puts each major version's programs in /usr/lib/postgresql/<version>/bin.
  const debian = fs.existsSync("/usr/lib/postgresql")
    ? fs
        .readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  const candidates = [process.env.PG_BIN, ...debian];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // no pg_config on the PATH
  }
  return candidates.find((dir): dir is string => Boolean(dir) && fs.existsSync(path.join(dir!, "initdb"))) ?? null;
}

/** A one-line reason the cluster can't start, for test setups to print instead of a stack trace. */
export class PostgresMissing extends Error {
  constructor() {
    super(INSTALL_HINT);
    this.name = "PostgresMissing";
    this.stack = INSTALL_HINT;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function run(bin: string, program: string, args: string[], { check = true } = {}): void {
  const command = asRoot ? "runuser" : path.join(bin, program);
  const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, program), ...args] : args;
  const result = spawnSync(command, argv, { encoding: "utf8", cwd: os.tmpdir() });
  if (check && result.status !== 0) {
    throw new Error(`${program} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export type ClusterOptions = {
  /** A folder to keep the cluster in: created on first use, started again later, left in place on stop. */
  keepIn?: string;
  /**
   * Writes reach the disk as on a deployment (fsync and full-page writes on). Commits
   * still return before their WAL is flushed (synchronous_commit off), as SQLite's
   * WAL mode with synchronous=NORMAL does: a crash may lose the last commits, never
   * corrupts the data.
   */
  durable?: boolean;
  /** Memory for PostgreSQL's own page cache (shared_buffers). */
  sharedBuffers?: string;
};

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new PostgresMissing();
  const dir = options.keepIn ? path.resolve(options.keepIn) : fs.mkdtempSync(path.join(os.tmpdir(), "cocreate-pg-"));
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot) {
    const { uid, gid } = userIds("postgres");
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  // A run that was interrupted may have left its server running: stop it (this fails harmlessly when none is).
  if (fs.existsSync(path.join(data, "postmaster.pid"))) run(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"], { check: false });
  if (!fs.existsSync(path.join(data, "PG_VERSION"))) {
    fs.rmSync(data, { recursive: true, force: true });
    run(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  }
  const port = await freePort();
  const durability = options.durable
    ? ["-c fsync=on", "-c synchronous_commit=off", "-c full_page_writes=on"]
    : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"];
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    ...durability,
    // Nothing replicates from a throwaway cluster; minimal WAL also makes CREATE DATABASE … TEMPLATE copy without logging every page.
    "-c wal_level=minimal",
    "-c max_wal_senders=0",
    "-c max_connections=200",
    `-c shared_buffers=${options.sharedBuffers ?? "128MB"}`,
  ].join(" ");
  run(bin, "pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", settings, "-w", "-t", "60", "start"]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    port,
    dir,
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (options.keepIn) return run(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      try {
        run(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`There is no "${name}" user; PostgreSQL's Debian package creates it (apt-get install -y postgresql).`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

// By hand: start a cluster, print where it is, stop it on Ctrl-C.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const cluster = await startPostgresCluster().catch((error: unknown) => {
    console.error(error instanceof PostgresMissing ? error.message : error);
    process.exit(1);
  });
  console.log(`PostgreSQL is running. Use DATABASE_URL=${cluster.url}/postgres (Ctrl-C stops and deletes it).`);
  const stop = () => {
    cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => {}, 1 << 30);
}
