import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '@/db/testing';
import { SERVER_KEY_FILE, serverKeyFromEnv } from './server-key';

const tempDir = () => testTempDir('iac-key-');

describe('serverKeyFromEnv', () => {
  it('derives a stable key from APP_SECRET and writes no file', () => {
    const dir = tempDir();
    const env = { APP_SECRET: 'correct horse battery staple', DATABASE_URL: path.join(dir, 'console.db') };
    expect(serverKeyFromEnv(env).equals(serverKeyFromEnv(env))).toBe(true);
    expect(serverKeyFromEnv(env).equals(serverKeyFromEnv({ ...env, APP_SECRET: 'other' }))).toBe(false);
    expect(fs.existsSync(path.join(dir, SERVER_KEY_FILE))).toBe(false);
  });

  it('generates a 0600 key file beside the database once and reuses it', () => {
    const dir = tempDir();
    const env = { DATABASE_URL: path.join(dir, 'sub', 'console.db') };
    const first = serverKeyFromEnv(env);
    const file = path.join(dir, 'sub', SERVER_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const content = fs.readFileSync(file, 'utf8');
    expect(serverKeyFromEnv(env).equals(first)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });
});
