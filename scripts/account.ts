// npm run account -- set-qps <email> <n|default>
// The operator's per-account settings; for now the API rate limit (SPEC §7).
import { closeDb } from '@/db/client';
import { defaultQpsFromEnv, setAccountQps } from '@/server/gateway/qps-limit';
import { openMigratedDb } from '@/server/setup';

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

async function main() {
  const [command, email, value] = process.argv.slice(2);
  if (command !== 'set-qps' || !email || !value) fail('用法：npm run account -- set-qps <邮箱> <每秒请求数|default>');
  const qps = value === 'default' ? null : Number(value);
  const db = await openMigratedDb();
  try {
    const result = await setAccountQps(db, email, qps);
    const shown = result.qpsLimit ?? `默认 ${defaultQpsFromEnv(process.env)}`;
    console.log(`账号 ${email}（#${result.accountId}）每个接口的请求频率上限：${shown} 次/秒，1 秒内生效`);
  } catch (err) {
    fail((err as Error).message);
  } finally {
    await closeDb(db);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
