/**
 * Debian's PostgreSQL server as a province runs it: a primary and a streaming replica made by
 * pg_basebackup, each initdb'd and started by pg_ctl as the `postgres` user, on free ports, in a
 * throwaway folder. Used by the production-topology test; no Docker, no embedded server.
 */
import { execFile } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../support/processes.ts";

/** The newest installed server's bin folder (postgresql-NN), or null when none is installed. */
export function debianPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

export interface Cluster {
  /** The CA that signed both servers' certificate (CN and SAN 127.0.0.1), for MOTCUA_DB_CA_FILE. */
  caFile: string;
  primaryPort: number;
  replicaPort: number;
  /** Superuser over the Unix socket (trust): for setup and for reading pg_stat_activity. */
  superuser(port: number, database?: string): Promise<pg.Client>;
  /** Stops both servers at once (immediate: the folder is thrown away next). */
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** A throwaway CA and a server certificate for 127.0.0.1 signed by it (openssl, P-256). */
async function makeCertificates(dir: string): Promise<{ ca: string; crt: string; key: string }> {
  const f = (name: string) => join(dir, name);
  writeFileSync(f("san.ext"), "subjectAltName=IP:127.0.0.1\n");
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const openssl = (args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile("openssl", args, (e, _, stderr) => (e ? reject(new Error(`openssl: ${stderr}`)) : resolve())),
    );
  await openssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    f("ca.key"),
    "-out",
    f("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=motcua test CA",
  ]);
  await openssl([
    "req",
    ...ec,
    "-keyout",
    f("server.key"),
    "-out",
    f("server.csr"),
    "-subj",
    "/CN=127.0.0.1",
  ]);
  await openssl([
    "x509",
    "-req",
    "-in",
    f("server.csr"),
    "-CA",
    f("ca.pem"),
    "-CAkey",
    f("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    f("san.ext"),
    "-out",
    f("server.crt"),
  ]);
  return { ca: f("ca.pem"), crt: f("server.crt"), key: f("server.key") };
}

/** Runs a server program as `postgres` (PostgreSQL refuses to run as root). */
function run(bin: string, program: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [cmd, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]]
    : [join(bin, program), args];
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { timeout: timeoutMs }, (e, stdout, stderr) =>
      e
        ? reject(new Error(`${program} ${args.join(" ")}: ${e.message}\n${stdout}${stderr}`))
        : resolve(stdout),
    );
  });
}

export async function startCluster(bin: string, dir: string): Promise<Cluster> {
  const sockets = join(dir, "sockets");
  mkdirSync(sockets);
  const tls = join(dir, "tls");
  mkdirSync(tls);
  const certs = await makeCertificates(tls);
  let owner = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  if (asRoot) {
    const uid = Number(
      (await new Promise<string>((r) => execFile("id", ["-u", "postgres"], (_, o) => r(o)))).trim(),
    );
    const gid = Number(
      (await new Promise<string>((r) => execFile("id", ["-g", "postgres"], (_, o) => r(o)))).trim(),
    );
    chownSync(dir, uid, gid);
    chownSync(sockets, uid, gid);
    owner = { uid, gid };
  }
  const primary = join(dir, "primary");
  const replica = join(dir, "replica");
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  // Local socket: trust (setup and replication as postgres); TCP: passwords, as in production.
  await run(bin, "initdb", [
    "-D",
    primary,
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
  ]);
  // TLS as a province would run it: the replica inherits the files and settings by pg_basebackup.
  for (const [from, to] of [
    [certs.crt, "server.crt"],
    [certs.key, "server.key"],
  ] as const) {
    copyFileSync(from, join(primary, to));
    chownSync(join(primary, to), owner.uid, owner.gid);
    chmodSync(join(primary, to), 0o600);
  }
  appendFileSync(
    join(primary, "postgresql.conf"),
    [
      "ssl = on",
      `port = ${primaryPort}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${sockets}'`,
      "wal_level = replica",
      "max_wal_senders = 4",
      "hot_standby = on",
      // A test's throwaway cluster: no flush to disk (nothing here survives a machine crash anyway).
      "fsync = off",
      "",
    ].join("\n"),
  );
  await run(bin, "pg_ctl", ["-D", primary, "-l", join(dir, "primary.log"), "-w", "start"]);
  const cluster: Cluster = {
    caFile: certs.ca,
    primaryPort,
    replicaPort,
    async superuser(port, database = "postgres") {
      const c = new pg.Client({ host: sockets, port, user: "postgres", database });
      await c.connect();
      return c;
    },
    async stop() {
      await Promise.allSettled(
        [replica, primary]
          .filter((d) => existsSync(join(d, "postmaster.pid")))
          .map((d) => run(bin, "pg_ctl", ["-D", d, "-m", "immediate", "-w", "stop"])),
      );
    },
  };
  try {
    await run(bin, "pg_basebackup", [
      "-h",
      sockets,
      "-p",
      String(primaryPort),
      "-U",
      "postgres",
      "-D",
      replica,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
    ]);
    appendFileSync(join(replica, "postgresql.conf"), `port = ${replicaPort}\n`);
    await run(bin, "pg_ctl", ["-D", replica, "-l", join(dir, "replica.log"), "-w", "start"]);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}
