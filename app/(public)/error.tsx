"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { StatusMessage } from "@/components/ui/status-message";

/** A public page failed to load (the database was briefly unreachable, say): say so kindly and offer a retry. */
export default function PublicError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusMessage
      title="Something went wrong"
      role="alert"
      action={
        <Button type="button" onClick={() => retry()}>
          Try again
        </Button>
      }
    >
      <p className="text-slate-600">We couldn&apos;t load this page just now. Please try again in a moment.</p>
      {error.digest ? <p className="text-xs text-slate-500">Reference: {error.digest}</p> : null}
    </StatusMessage>
  );
}
