/**
 * loading.tsx streams: the page arrives after its skeleton inside a `hidden` block that a small
 * inline script swaps in. Without JavaScript that swap never runs, so for those visitors this
 * hides the skeleton (marked data-loading-fallback) and shows React's streamed blocks in place,
 * keeping the booking flow usable as plain links and forms.
 */
export function NoScriptStreaming() {
  return (
    <noscript>
      {/* In Tailwind's first layer: its preflight hides [hidden] with !important from a later layer. */}
      <style>{`@layer theme{[data-loading-fallback]{display:none!important}div[hidden][id^="S:"]{display:block!important}}`}</style>
    </noscript>
  );
}
