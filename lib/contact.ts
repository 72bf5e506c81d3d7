import { z } from 'zod';

export const CONTACT_TOPICS = ['提高并发', '定制需求', '其他'] as const;

export const contactSchema = z.object({
  topic: z.enum(CONTACT_TOPICS, { message: '请选择咨询类型' }),
  message: z.string().trim().min(5, '请至少填写 5 个字的需求说明').max(2000, '需求说明最多 2000 字'),
});
