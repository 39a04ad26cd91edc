// A real SMTP server for browser tests: Debian's aiosmtpd with the handler in
// tests/support (Maildir storage), and a small reader for what arrived.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, repoRoot } from './server.mjs';

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function decodeWords(value) {
  return value
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*(?==\?UTF-8\?B\?)/gi, '=?UTF-8?B?$1?=')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** Parses one stored message: decoded headers and a base64 UTF-8 body. */
export function parseMail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const bodyText = raw.slice(split).trim();
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const body = /base64/i.test(headers['content-transfer-encoding'] ?? '')
    ? Buffer.from(bodyText.replace(/\s+/g, ''), 'base64').toString('utf8')
    : bodyText;
  return { headers, subject: headers.subject, to: headers.to, body };
}

export async function startSmtp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoyaku-e2e-smtp-'));
  const maildir = path.join(dir, 'maildir');
  const port = await freePort();
  const child = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c',
    'smtp_test_handler.RecordingHandler', maildir], {
    env: { ...process.env, PYTHONPATH: path.join(repoRoot, 'tests/support') },
    stdio: 'ignore',
  });
  process.once('exit', () => child.kill('SIGKILL'));
  for (let i = 0; i < 100 && !(await accepts(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages() {
      const dirNew = path.join(maildir, 'new');
      if (!fs.existsSync(dirNew)) return [];
      return fs.readdirSync(dirNew).map((f) => parseMail(fs.readFileSync(path.join(dirNew, f), 'utf8')));
    },
    /** Waits for a mail to `to` whose subject is `subject`. */
    async waitFor(to, subject, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = this.messages().find((m) => m.to?.includes(to) && m.subject === subject);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${to}; have: ${JSON.stringify(this.messages().map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    stop() {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
