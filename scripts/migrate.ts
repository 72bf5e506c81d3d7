import { databasePath } from '@/db/client';
import { formatDateTime } from '@/lib/period';
import { readClock } from '@/server/clock/app-clock';
import { openMigratedDb } from '@/server/setup';

const db = openMigratedDb(process.env, { applyMode: true });
const clock = readClock(db);
console.log(`database ${databasePath()} migrated; app clock ${formatDateTime(clock.now)} (UTC+8)${clock.sandbox ? ', sandbox' : ''}`);
