"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition, type FormEvent, type ReactNode } from "react";

/**
 * A GET form whose buttons carry the choice (`name`/`value`), so day and time pickers are
 * real buttons that work without JavaScript (a plain GET navigation). With JavaScript the
 * navigation is a client-side push that, unlike next/form, keeps the clicked button's value.
 */
export function NavForm({
  action,
  hidden = {},
  className,
  scroll = true,
  children,
}: {
  /** Path (and optional #anchor) to navigate to; the query comes from the form. */
  action: string;
  /** State carried from earlier steps. */
  hidden?: Record<string, string | undefined>;
  className?: string;
  /** Scroll to the top after navigating (an action with an #anchor scrolls to the anchor instead). */
  scroll?: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The client-side push does not scroll to the action's #anchor (a plain GET would): once the
  // next step has rendered, bring it into view, so on a phone the times follow the tapped day.
  const anchor = useRef<string | null>(null);
  useEffect(() => {
    if (pending || !anchor.current) return;
    const target = document.getElementById(anchor.current);
    anchor.current = null;
    target?.scrollIntoView({ block: "start" });
  }, [pending]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    let data: FormData;
    try {
      data = new FormData(event.currentTarget, submitter);
    } catch {
      return; // an older browser: let it submit natively
    }
    event.preventDefault();
    const url = new URL(action, window.location.href);
    url.search = "";
    anchor.current = url.hash ? decodeURIComponent(url.hash.slice(1)) : null;
    for (const [k, v] of data) if (typeof v === "string" && v !== "") url.searchParams.append(k, v);
    // With an anchor, this form scrolls to it itself (no jump to the top first).
    startTransition(() => router.push(`${url.pathname}${url.search}${url.hash}`, { scroll: scroll && !anchor.current }));
  }

  return (
    <form method="get" action={action} onSubmit={onSubmit} aria-busy={pending || undefined} className={`transition-opacity aria-busy:opacity-60 ${className ?? ""}`}>
      {Object.entries(hidden).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
    </form>
  );
}
