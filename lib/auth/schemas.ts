import { z } from "zod";
import { isOneLine } from "@/lib/infra/text";
import { emailSchema } from "@/lib/infra/validation";
import { isSelectableTimeZone } from "@/lib/infra/time";

export const PASSWORD_MIN_LENGTH = 10;

export const registerSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Enter your name.")
      .max(100, "Use at most 100 characters.")
      .refine(isOneLine, "Use plain text on one line."),
    email: emailSchema,
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(200, "Use at most 200 characters."),
    role: z.enum(["client", "provider"], { error: "Choose what you want to do." }),
    businessName: z.string().trim().max(100, "Use at most 100 characters.").refine(isOneLine, "Use plain text on one line.").optional(),
    timezone: z.string().trim().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role !== "provider") return;
    if (!v.businessName) ctx.addIssue({ code: "custom", path: ["businessName"], message: "Enter your business name." });
    if (!v.timezone || !isSelectableTimeZone(v.timezone))
      ctx.addIssue({ code: "custom", path: ["timezone"], message: "Choose your time zone." });
  });

export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(1000),
  next: z.string().optional(),
});
