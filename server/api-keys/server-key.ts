import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databaseUrl, dataDirOf } from '@/db/store';
import { secretBox, type SecretBox } from './secret-box';

// The key that encrypts API SecretKeys lives outside the database (SPEC §9): derived from
// APP_SECRET, or from random bytes generated once into the data folder and reused by every
// process (console, API server, CLI) that opens the same database. On PostgreSQL the data
// folder is ./data of this machine: API servers on several hosts must share APP_SECRET.

export const SERVER_KEY_FILE = 'app-secret.key';

function derive(secret: string | Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'image-analysis-console', 'api-key-encryption', 32));
}

/** Reads the key file, creating it (mode 0600) if no process has yet; racing creators agree. */
export function readOrCreateKeyFile(file: string): Buffer {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a 32-byte hex key`);
  return Buffer.from(hex, 'hex');
}

export function serverKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  if (env.APP_SECRET) return derive(env.APP_SECRET);
  return derive(readOrCreateKeyFile(path.join(dataDirOf(databaseUrl(env as NodeJS.ProcessEnv)), SERVER_KEY_FILE)));
}

let processBox: SecretBox | undefined;

/** The secret box of this process, keyed from the environment on first use. */
export function serverSecretBox(): SecretBox {
  processBox ??= secretBox(serverKeyFromEnv());
  return processBox;
}
