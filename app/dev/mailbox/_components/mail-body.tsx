import { linkify } from "@/lib/infra/outbox/linkify";

/** A mail's plain-text body with its http(s) links clickable; rendered as text, never as HTML. */
export function MailBody({ text }: { text: string }) {
  return (
    <div className="whitespace-pre-wrap break-words font-mono text-sm text-slate-800">
      {linkify(text).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href} className="text-indigo-700 underline">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </div>
  );
}
