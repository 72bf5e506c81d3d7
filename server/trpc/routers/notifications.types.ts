import { z } from 'zod';
import { notifications } from '@/db/schema';
import { epochMs } from '../output-fields';
import { pageOf } from '../paging';

// 消息中心: a message as shown; its account and dedupe key stay on the server.

export const notificationOutput = z.object({
  id: z.number().int(),
  kind: z.enum(notifications.kind.enumValues),
  title: z.string(),
  body: z.string(),
  createdAt: epochMs,
  readAt: epochMs.nullable(),
});

export const notificationPageOutput = pageOf(notificationOutput);

export const unreadCountOutput = z.number().int();

export const markedReadOutput = z.object({ changed: z.number().int() });
