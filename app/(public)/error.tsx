"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** A public page failed to load (the database was briefly unreachable, say): say so kindly and offer a retry. */
export default function PublicError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-md space-y-4 py-10 text-center" role="alert">
      <h1 className="text-2xl font-bold text-slate-900">Something went wrong</h1>
      <p className="text-slate-600">We couldn&apos;t load this page just now. Please try again in a moment.</p>
      {error.digest ? <p className="text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <Button type="button" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
