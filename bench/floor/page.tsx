import { connection } from "next/server";
import { Suspense } from "react";

/**
 * The framework's floor for `npm run bench`: the root layout plus one <h1> rendered per
 * request. Copied to app/bench-floor/ for the bench build only (scripts/lib/bench-server.ts),
 * never part of the app. The Suspense boundary keeps it valid under Cache Components.
 */
export default function BenchFloorPage() {
  return (
    <Suspense fallback={null}>
      <Floor />
    </Suspense>
  );
}

async function Floor() {
  await connection();
  return <h1>Bench floor</h1>;
}
