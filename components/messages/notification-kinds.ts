import type { BadgeTone } from '@/components/ui/badge';
import type { RouterOutputs } from '@/components/trpc';

export type Notification = RouterOutputs['notifications']['list']['rows'][number];

/** 类型 column of 消息中心: what the customer should look at, and how urgent it is. */
export const NOTIFICATION_KINDS: Record<Notification['kind'], { label: string; tone: BadgeTone }> = {
  pack_low: { label: '资源包提醒', tone: 'warn' },
  pack_empty: { label: '资源包提醒', tone: 'warn' },
  bill_issued: { label: '账单通知', tone: 'info' },
  arrears: { label: '欠费提醒', tone: 'danger' },
  arrears_cleared: { label: '欠费提醒', tone: 'success' },
  balance_low: { label: '余额预警', tone: 'warn' },
};
