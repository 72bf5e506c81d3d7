import { z } from 'zod';

// The 人物库 forms, shared by the page and the tRPC router.

export const PERSON_KINDS = ['celebrity', 'politics'] as const;
export type PersonKindCode = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Readonly<Record<PersonKindCode, string>> = { celebrity: '公众人物', politics: '政治人物' };

/** The upload limit for a reference photo, the same as the API's image limit. */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;

const kind = z.enum(PERSON_KINDS, { message: '请选择人物类型' });

/** 标签 is typed as one line; commas (either width) and 、 separate labels. */
const labels = z
  .string()
  .max(200, '标签最多 200 字')
  .transform((s) => s.split(/[,，、]/).map((l) => l.trim()).filter(Boolean))
  .refine((l) => l.length <= 10, '最多 10 个标签')
  .refine((l) => l.every((x) => x.length <= 20), '每个标签最多 20 字');

export const personSchema = z.object({
  kind,
  name: z.string().trim().min(1, '请填写姓名').max(64, '姓名最多 64 字'),
  labels,
  basicInfo: z.string().trim().max(500, '基本信息最多 500 字'),
});

export const personKindSchema = z.object({ kind });
export const personIdSchema = z.object({ id: z.number().int().positive('人物不存在') });

export const photoSchema = z.object({
  personId: z.number().int().positive('人物不存在'),
  photoBase64: z
    .string()
    .min(1, '请选择照片')
    .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4, '照片不能超过 4 MB')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '照片数据不是有效的 Base64'),
});
