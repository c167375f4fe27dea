import type { ReactNode } from "react";

type Tone = "success" | "error" | "info" | "warning";

const tones: Record<Tone, string> = {
  success: "bg-green-50 text-green-800 ring-green-200",
  error: "bg-red-50 text-red-800 ring-red-200",
  info: "bg-sky-50 text-sky-800 ring-sky-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
};

/** A message after an action. Errors are announced assertively, the rest politely. */
export function Flash({ tone = "info", children }: { tone?: Tone; children: ReactNode }) {
  if (!children) return null;
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md px-4 py-3 text-sm ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </div>
  );
}
