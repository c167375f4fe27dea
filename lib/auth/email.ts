/** Emails are stored and compared trimmed and lower-cased (users.email's unique index is exact). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
