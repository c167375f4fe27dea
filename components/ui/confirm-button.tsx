"use client";

import type { ComponentProps } from "react";
import { SubmitButton } from "./submit-button";

/** A submit button that asks before a destructive action. */
export function ConfirmButton({
  confirm,
  ...props
}: ComponentProps<typeof SubmitButton> & { confirm: string }) {
  return (
    <SubmitButton
      variant="danger"
      {...props}
      onClick={(e) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }}
    />
  );
}
