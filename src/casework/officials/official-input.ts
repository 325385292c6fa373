import { z } from "zod";

// An official's sign-in name and password, as every way of creating one checks them (the API's
// POST /officials and `motcua admin create`).

export const officialUsername = z
  .string()
  .trim()
  .regex(/^[a-z0-9._-]{3,60}$/i, "tên đăng nhập gồm 3–60 chữ cái không dấu, số, dấu chấm, gạch");

export const officialPassword = z.string().min(10, "mật khẩu cần ít nhất 10 ký tự").max(200);

export const officialFullName = z.string().trim().min(2).max(200).describe("Họ và tên");
