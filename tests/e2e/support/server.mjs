// Starts the real `yoyaku` binary on a fresh SQLite database for end-to-end tests.
//
//   const server = await startServer();   // { url, dir, logPath, log(), stop() }
//   ...
//   await server.stop();
//
// Needs YOYAKU_BIN (absolute path of the built binary). The database is
// migrated, loaded with the offices from data/hellowork-offices.csv and the
// demo data, then `yoyaku serve` listens on a free port of 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const HEALTH_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

function yoyakuBin() {
  const bin = process.env.YOYAKU_BIN;
  if (!bin) {
    throw new Error(
      'YOYAKU_BIN is not set: set it to the absolute path of the built yoyaku binary, e.g. ' +
        'YOYAKU_BIN=$PWD/build/release/yoyaku node --test tests/e2e/home.test.mjs');
  }
  if (!fs.existsSync(bin)) throw new Error(`YOYAKU_BIN=${bin} does not exist`);
  return bin;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function runStep(bin, args, logPath) {
  fs.appendFileSync(logPath, `$ yoyaku ${args.join(' ')}\n`);
  try {
    const out = execFileSync(bin, args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    fs.appendFileSync(logPath, out);
    return out;
  } catch (err) {
    const detail = [err.stdout, err.stderr].filter(Boolean).join('\n');
    fs.appendFileSync(logPath, detail);
    throw new Error(`\`yoyaku ${args.join(' ')}\` failed (${err.status ?? err.signal ?? err.code}):\n${detail}`);
  }
}

function readLog(logPath) {
  try {
    return fs.readFileSync(logPath, 'utf8');
  } catch {
    return '(no log)';
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Prepares a fresh database and starts `yoyaku serve` on it.
 * Resolves once GET /healthz answers 200.
 */
export async function startServer({ name = 'e2e', extraArgs = [] } = {}) {
  const bin = yoyakuBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoyaku-e2e-'));
  const db = `sqlite:${path.join(dir, 'e2e.db')}`;
  const logPath = path.join(dir, 'server.log');
  fs.writeFileSync(logPath, '');

  runStep(bin, ['migrate', '--db', db], logPath);
  runStep(bin, ['import-offices', '--db', db, path.join(repoRoot, 'data/hellowork-offices.csv')], logPath);
  runStep(bin, ['seed-demo', '--db', db], logPath);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--base-url', url, ...extraArgs];
  fs.appendFileSync(logPath, `$ yoyaku ${args.join(' ')}\n`);
  const logFd = fs.openSync(logPath, 'a');
  const child = spawn(bin, args, { cwd: repoRoot, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);

  // Never leave a server behind if the test process dies.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let spawnError = null;
  child.once('error', (err) => {
    spawnError = err;
  });

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (spawnError) throw new Error(`could not start ${bin}: ${spawnError.message}\n${readLog(logPath)}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `yoyaku serve exited early (code ${child.exitCode}, signal ${child.signalCode}); log:\n${readLog(logPath)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
      lastProblem = `GET /healthz answered ${res.status}`;
    } catch (err) {
      lastProblem = err.cause?.code ?? err.message;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
      throw new Error(
        `yoyaku serve did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s (${lastProblem}); log:\n${readLog(logPath)}`);
    }
    await sleep(100);
  }

  let stopped = false;
  return {
    url,
    dir,
    db,
    /** Runs another `yoyaku` subcommand on the same database; returns its output. */
    yoyaku: (commandArgs) => runStep(bin, commandArgs, logPath),
    /** Runs one SQL statement on the database with the sqlite3 shell; returns its output, trimmed. */
    sql: (statement) =>
      execFileSync('sqlite3', [db.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' }).trim(),
    logPath,
    log: () => readLog(logPath),
    /** SIGTERM, wait for the exit (SIGKILL after 10 s), keep the log in the artifacts. */
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
          child.kill('SIGKILL');
          await waitForExit(child, STOP_TIMEOUT_MS);
        }
      }
      const artifacts = process.env.YOYAKU_ARTIFACTS;
      if (artifacts) {
        const logs = path.join(artifacts, 'logs');
        fs.mkdirSync(logs, { recursive: true });
        fs.copyFileSync(logPath, path.join(logs, `server-${name}.log`));
      }
      if (!process.env.YOYAKU_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
