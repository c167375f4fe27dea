"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import type { ActionState } from "@/lib/infra/action-state";
import { flashAction, formAction } from "@/lib/infra/actions";
import { requirePro } from "@/lib/app/guards";
import { isAppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { weeklyHoursConfirmSchema } from "@/lib/provider/hours";
import { assertConflictsConfirmed } from "@/lib/staff/conflicts";
import { addTimeOff, removeTimeOff, replaceStaffWeeklyAvailability, timeOffSchema } from "@/lib/staff/availability";
import { revokeStaffInvite, sendStaffInvite } from "@/lib/staff/invites";
import { createStaff, deleteStaff, moveStaff, setStaffActive, staffFormObject, staffSchema, updateStaff } from "@/lib/staff/members";
import { cancelAppointment } from "@/lib/booking/manage";
import { staffErrorKey } from "@/lib/staff/flash";
import { reassignAppointment, resolveMemberAppointments } from "@/lib/staff/reassign";
import { checkPhoto, removeStaffPhoto, setStaffPhoto } from "@/lib/staff/photo";
import { decideTimeOffRequest, setStaffAddTimeOff } from "@/lib/staff/time-off-requests";

/*
 * Every action authorises with requirePro: a FREE (or lapsed) provider's replayed POST is sent
 * to the upgrade page before anything is read from the form, so it changes nothing.
 */

const authorise = () => requirePro("staff");
/** For actions a page binds to one member's id. */
const authoriseMember = async (staffId: string) => ({ ...(await authorise()), staffId });

const staffPaths = (slug: string, staffId?: string) => [
  "/dashboard/staff",
  ...(staffId && isUuid(staffId) ? [`/dashboard/staff/${staffId}`] : []),
  `/p/${slug}`,
];

/** A page under a member's (`rest` appended), or the list saying NOT_FOUND when the id is not a uuid. */
const onMemberPage = (staffId: string | undefined, rest: string) =>
  staffId && isUuid(staffId) ? `/dashboard/staff/${staffId}${rest}` : "/dashboard/staff?error=NOT_FOUND";

/** A member's page, or the list when the id is not even a uuid. */
const memberPath = (staffId: string | undefined) => (staffId && isUuid(staffId) ? `/dashboard/staff/${staffId}` : "/dashboard/staff");

// Staff pages read their flash keys through staffErrorMessage: known messages by name, else the code.
const staffFlash = (e: unknown) => `error=${staffErrorKey(e)}`;

/** The member form: repeated `serviceIds` checkboxes and an optional photo, checked by its bytes. */
const memberSchema = staffSchema.extend({
  photo: z
    .instanceof(Uint8Array)
    .nullable()
    .superRefine((bytes, ctx) => {
      const check = bytes ? checkPhoto(bytes) : null;
      if (check && !check.ok) ctx.addIssue({ code: "custom", message: check.message });
    }),
  removePhoto: z.boolean(),
});

async function readMember(formData: FormData) {
  const file = formData.get("photo");
  const photo = file && typeof file !== "string" && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  return { ...staffFormObject(formData), photo, removePhoto: formData.get("removePhoto") === "on" };
}

/** After a refusal the form shows the services that were ticked (a repeated field). */
const keepServices = async (state: ActionState, _ctx: unknown, formData: FormData): Promise<ActionState> => ({
  ...state,
  values: { ...state.values, serviceIds: formData.getAll("serviceIds").join(",") },
});

export const createStaffAction = formAction({
  authorise,
  schema: memberSchema,
  read: readMember,
  refine: keepServices,
  call: async ({ provider }, { photo, removePhoto: _removePhoto, ...input }) => {
    const db = await getDb();
    const id = await createStaff(db, provider.id, input);
    if (photo) await setStaffPhoto(db, provider.id, id, photo);
    return id;
  },
  done: ({ provider }, _input, id) => ({ revalidate: staffPaths(provider.slug, id), redirect: `/dashboard/staff/${id}?created=1` }),
});

export const updateStaffAction = formAction({
  authorise: authoriseMember,
  schema: memberSchema,
  read: readMember,
  refine: keepServices,
  call: async ({ provider, staffId }, { photo, removePhoto, ...input }) => {
    const db = await getDb();
    await updateStaff(db, provider.id, staffId, input);
    if (photo) await setStaffPhoto(db, provider.id, staffId, photo);
    else if (removePhoto) await removeStaffPhoto(db, provider.id, staffId);
  },
  done: ({ provider, staffId }) => ({ revalidate: staffPaths(provider.slug, staffId), redirect: `/dashboard/staff/${staffId}?saved=1` }),
});

const memberForm = z.object({ staffId: z.string().default("") });

/**
 * Activate or deactivate (list and detail pages). Deactivating a member who still has future
 * appointments leads to the page that resolves them first.
 */
export const setStaffActiveAction = flashAction({
  authorise,
  schema: memberForm.extend({ active: z.string().optional(), back: z.string().optional() }),
  call: async ({ provider }, { staffId, active }) => {
    await setStaffActive(await getDb(), provider.id, staffId, active === "true");
    return active === "true" ? "activated=1" : "deactivated=1";
  },
  flash: (e, { staffId, active }) => (e.code === "IN_USE" && active !== "true" && isUuid(staffId) ? "resolve=deactivate" : staffFlash(e)),
  revalidate: ({ provider }, input) => staffPaths(provider.slug, input?.staffId),
  to: (_ctx, query, input) =>
    query === "resolve=deactivate"
      ? `${memberPath(input?.staffId)}/resolve?then=deactivate`
      : `${input?.back === "detail" ? memberPath(input.staffId) : "/dashboard/staff"}?${query}`,
});

export const moveStaffAction = flashAction({
  authorise,
  schema: memberForm.extend({ direction: z.string().optional() }),
  call: async ({ provider }, { staffId, direction }) => {
    await moveStaff(await getDb(), provider.id, staffId, direction === "up" ? "up" : "down");
    return "moved=1";
  },
  flash: staffFlash,
  revalidate: ({ provider }) => staffPaths(provider.slug),
  to: (_ctx, query) => `/dashboard/staff?${query}`,
});

/** Delete; a member with future appointments is sent to resolve them first, one with past ones is explained. */
export const deleteStaffAction = flashAction({
  authorise,
  schema: memberForm,
  call: async ({ provider }, { staffId }) => {
    await deleteStaff(await getDb(), provider.id, staffId);
    return "deleted=1";
  },
  flash: staffFlash,
  revalidate: ({ provider }, input) => staffPaths(provider.slug, input?.staffId),
  to: (_ctx, query, input) => (query === "error=IN_USE" ? `${memberPath(input?.staffId)}?${query}` : `/dashboard/staff?${query}`),
});

export const saveAvailabilityAction = formAction({
  authorise: authoriseMember,
  schema: weeklyHoursConfirmSchema,
  invalidMessage: "Please fix the times marked below.",
  // The grid keeps its own rows (client state), so nothing is echoed.
  echo: false,
  // Booked appointments the new hours would leave outside working time are named first, to confirm.
  call: async ({ provider, staffId }, { intervals, confirmConflicts }) => {
    const db = await getDb();
    await assertConflictsConfirmed(db, provider.id, { kind: "staffHours", staffId, hours: intervals }, confirmConflicts);
    await replaceStaffWeeklyAvailability(db, provider.id, staffId, intervals);
  },
  done: ({ provider, staffId }) => ({
    revalidate: staffPaths(provider.slug, staffId),
    redirect: `/dashboard/staff/${staffId}/availability?saved=1`,
  }),
});

export const addTimeOffAction = formAction({
  authorise: authoriseMember,
  schema: timeOffSchema,
  call: async ({ provider, staffId }, input) => addTimeOff(await getDb(), provider.id, staffId, input),
  // Over booked appointments: on to the member's page, where they are marked to be resolved.
  done: ({ provider, staffId }, _input, { conflicts }) => ({
    revalidate: [...staffPaths(provider.slug, staffId), "/dashboard", "/dashboard/schedule"],
    redirect: conflicts ? `/dashboard/staff/${staffId}?timeOff=1#upcoming` : `/dashboard/staff/${staffId}/availability?timeOff=1#time-off`,
  }),
});

export const removeTimeOffAction = flashAction({
  authorise,
  schema: memberForm.extend({ timeOffId: z.string().default("") }),
  call: async ({ provider }, { staffId, timeOffId }) => {
    await removeTimeOff(await getDb(), provider.id, staffId, timeOffId);
    return "timeOffRemoved=1";
  },
  flash: staffFlash,
  revalidate: ({ provider }, input) => staffPaths(provider.slug, input?.staffId),
  to: (_ctx, query, input) => onMemberPage(input?.staffId, `/availability?${query}#time-off`),
});

/** Send or revoke a member's login invite: both answer on the member's page, at its login card. */
const inviteAction = (
  change: (db: Awaited<ReturnType<typeof getDb>>, providerId: string, staffId: string) => Promise<unknown>,
  success: string,
) =>
  flashAction({
    authorise,
    schema: memberForm,
    call: async ({ provider }, { staffId }) => {
      await change(await getDb(), provider.id, staffId);
      return success;
    },
    flash: staffFlash,
    revalidate: (_ctx, input) => [memberPath(input?.staffId)],
    to: (_ctx, query, input) => onMemberPage(input?.staffId, `?${query}#login`),
  });

export const sendInviteAction = inviteAction(sendStaffInvite, "invited=1");
export const revokeInviteAction = inviteAction(revokeStaffInvite, "revoked=1");

/** Where a member's appointment form returns: their page, or the resolve page it was sent from. */
const appointmentForm = memberForm.extend({
  appointmentId: z.string().default(""),
  back: z.enum(["member", "resolve"]).default("member"),
  then: z.enum(["deactivate", "delete"]).optional(),
});
const backTo = (input: z.output<typeof appointmentForm> | undefined, query: string) => {
  const member = memberPath(input?.staffId);
  if (input?.back === "resolve" && member !== "/dashboard/staff") return `${member}/resolve?then=${input.then ?? "deactivate"}&${query}`;
  return `${member}?${query}#upcoming`;
};

/** Where the member's appointment actions answer, and what they refresh (the dashboard lists it too). */
const appointmentOutcome = {
  flash: staffFlash,
  revalidate: ({ provider }: { provider: { slug: string } }, input?: { staffId: string }) => [
    "/dashboard",
    ...staffPaths(provider.slug, input?.staffId),
  ],
  to: (_ctx: unknown, query: string, input?: z.output<typeof appointmentForm>) => backTo(input, query),
};

/** Move one of a member's upcoming appointments to another qualified, free member. */
export const reassignAppointmentAction = flashAction({
  authorise,
  schema: appointmentForm.extend({ toStaffId: z.string().default("") }),
  call: async ({ provider }, { appointmentId, toStaffId }) => {
    await reassignAppointment(await getDb(), provider.id, appointmentId, toStaffId);
    return "reassigned=1";
  },
  ...appointmentOutcome,
});

/** Cancel one of a member's upcoming appointments; the client is told (lib/notices). */
export const cancelMemberAppointmentAction = flashAction({
  authorise,
  schema: appointmentForm.extend({ reason: z.string().trim().max(500).optional() }),
  call: async ({ provider }, { appointmentId, reason }) => {
    await cancelAppointment(await getDb(), { appointmentId, actor: { kind: "provider", providerId: provider.id }, reason: reason || undefined });
    return "cancelled=1";
  },
  ...appointmentOutcome,
});

/**
 * The one-click resolution: every future appointment of the member goes to a free qualified
 * member (fair order) or is cancelled with a notice; then the member is deactivated or deleted
 * (a member with history on record is deactivated instead, and the page says so).
 */
export const resolveAndRemoveStaffAction = flashAction({
  authorise,
  schema: memberForm.extend({ then: z.enum(["deactivate", "delete"]) }),
  call: async ({ provider }, { staffId, then }) => {
    const db = await getDb();
    const { reassigned, cancelled } = await resolveMemberAppointments(db, provider.id, staffId);
    const counts = `reassignedCount=${reassigned}&cancelledCount=${cancelled}`;
    if (then === "delete") {
      try {
        await deleteStaff(db, provider.id, staffId);
        return `deleted=1&${counts}`;
      } catch (e) {
        // Cancelled and past appointments keep referring to them: deactivate instead.
        if (!(isAppError(e) && e.code === "IN_USE")) throw e;
      }
    }
    await setStaffActive(db, provider.id, staffId, false);
    return `deactivated=1&${counts}${then === "delete" ? "&keptForHistory=1" : ""}`;
  },
  flash: staffFlash,
  revalidate: ({ provider }, input) => ["/dashboard", ...staffPaths(provider.slug, input?.staffId)],
  to: (_ctx, query, input) =>
    query.startsWith("deleted=1") ? `/dashboard/staff?${query}` : query.startsWith("error=") ? `${memberPath(input?.staffId)}/resolve?then=${input?.then ?? "deactivate"}&${query}` : `${memberPath(input?.staffId)}?${query}`,
});

const requestDecision = z.object({
  requestId: z.uuid({ error: "Unknown request." }),
  decision: z.enum(["approve", "decline"], { error: "Approve or decline." }),
  confirmConflicts: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

/** A member's time-off request, approved (with the same conflict confirmation as time off added here) or declined. */
export const decideTimeOffRequestAction = formAction({
  authorise: authoriseMember,
  schema: requestDecision,
  call: async ({ provider }, input) => decideTimeOffRequest(await getDb(), { providerId: provider.id, ...input }),
  // Approved over booked appointments: on to the member's page, where they are marked to be resolved.
  done: ({ provider, staffId }, { decision }, { conflicts }) => ({
    revalidate: [...staffPaths(provider.slug, staffId), "/dashboard", "/dashboard/schedule", "/staff"],
    redirect: conflicts
      ? `/dashboard/staff/${staffId}?timeOff=1#upcoming`
      : `/dashboard/staff/${staffId}/availability?request=${decision === "approve" ? "approved" : "declined"}#time-off`,
  }),
});

/** The business's setting: members add their own time off directly, or request it for approval. */
export const staffTimeOffSettingAction = flashAction({
  authorise,
  // The box is "1" when ticked and absent when not; anything else is refused, nothing written.
  schema: z.object({ direct: z.literal("1").optional().transform((v) => v === "1") }),
  call: async ({ provider }, { direct }) => {
    await setStaffAddTimeOff(await getDb(), provider.id, direct);
    return "timeOffSetting=1";
  },
  revalidate: () => ["/dashboard/staff", "/staff"],
  to: (_ctx, query) => `/dashboard/staff?${query}#time-off-setting`,
});
