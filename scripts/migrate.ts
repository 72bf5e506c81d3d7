import { closeDb } from '@/db/client';
import { databaseUrl, redactedUrl } from '@/db/store';
import { formatDateTime } from '@/lib/period';
import { readClock } from '@/server/clock/app-clock';
import { openMigratedDb } from '@/server/setup';

async function main() {
  const db = await openMigratedDb(process.env, { applyMode: true });
  const clock = await readClock(db);
  console.log(`database ${redactedUrl(databaseUrl())} migrated; app clock ${formatDateTime(clock.now)} (UTC+8)${clock.sandbox ? ', sandbox' : ''}`);
  await closeDb(db);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
