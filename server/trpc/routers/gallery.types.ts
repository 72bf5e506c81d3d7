import { z } from 'zod';
import { PERSON_KINDS } from '@/lib/gallery';
import { epochMs, idResult } from '../output-fields';

// 人物库 as operators see it: a person and how many reference photos it has (never a descriptor).

export const personOutput = z.object({
  id: z.number().int(),
  kind: z.enum(PERSON_KINDS),
  name: z.string(),
  labels: z.array(z.string()),
  basicInfo: z.string(),
  photos: z.number().int(),
  createdAt: epochMs,
});

export const personListOutput = z.array(personOutput);

export const personRefOutput = idResult;
