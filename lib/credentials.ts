import { z } from 'zod';

// Shared by the sign-up/sign-in forms and the tRPC edge, so both say the same thing.
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, '请输入邮箱')
  .max(254, '邮箱过长')
  .email('邮箱格式不正确');

export const passwordSchema = z.string().min(8, '密码至少 8 位').max(128, '密码最多 128 位');

export const signUpSchema = z
  .object({ email: emailSchema, password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { message: '两次输入的密码不一致', path: ['confirmPassword'] });

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1, '请输入密码').max(128) });
