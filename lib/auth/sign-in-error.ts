import { CredentialsSignin } from "next-auth";

/**
 * Thrown from the Credentials provider's authorize(): Auth.js passes it through to the
 * server action untouched, so /login shows `message` (which never says whether the email exists).
 */
export class SignInRefused extends CredentialsSignin {
  constructor(
    readonly reason: "invalid" | "rate_limited",
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.code = reason;
  }
}
