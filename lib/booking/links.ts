import { env } from "@/lib/infra/env";

/* Where a person manages an appointment: the links mails, the API and calendar files carry. */

/** The guest's manage page; the token is their whole authority (only its sha256 is stored). */
export const manageUrl = (token: string) => `${env().APP_URL}/bookings/${token}`;

/** The client's own appointment page in the portal (signed in, ownership checked). */
export const portalUrl = (appointmentId: string) => `${env().APP_URL}/account/appointments/${appointmentId}`;

/** The link in a hold's "confirm your email" mail (lib/booking/hold.ts); only its sha256 is stored. */
export const holdConfirmUrl = (token: string) => `${env().APP_URL}/bookings/confirm-email/${token}`;
