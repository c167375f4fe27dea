"use server";

import { z } from "zod";
import { flashAction, formAction } from "@/lib/infra/actions";
import { requireProvider } from "@/lib/app/guards";
import { getDb } from "@/lib/app/runtime";
import { createService, deleteService, serviceSchema, setServiceActive, updateService } from "@/lib/provider/services";

const servicesPaths = (slug: string) => ["/dashboard/services", `/p/${slug}`];

export const createServiceAction = formAction({
  authorise: requireProvider,
  schema: serviceSchema,
  call: async ({ provider }, input) => createService(await getDb(), provider.id, input),
  done: ({ provider }) => ({ revalidate: servicesPaths(provider.slug), redirect: "/dashboard/services?created=1" }),
});

export const updateServiceAction = formAction({
  authorise: async (serviceId: string) => ({ ...(await requireProvider()), serviceId }),
  schema: serviceSchema,
  call: async ({ provider, serviceId }, input) => updateService(await getDb(), provider.id, serviceId, input),
  done: ({ provider }) => ({ revalidate: servicesPaths(provider.slug), redirect: "/dashboard/services?saved=1" }),
});

/** Plain form posts from the list: the outcome is a flash on the list, via the URL. */
export const setServiceActiveAction = flashAction({
  authorise: requireProvider,
  schema: z.object({ serviceId: z.string().default(""), active: z.string().optional() }),
  call: async ({ provider }, { serviceId, active }) => {
    await setServiceActive(await getDb(), provider.id, serviceId, active === "true");
    return active === "true" ? "activated=1" : "deactivated=1";
  },
  revalidate: ({ provider }) => servicesPaths(provider.slug),
  to: (_ctx, query) => `/dashboard/services?${query}`,
});

export const deleteServiceAction = flashAction({
  authorise: requireProvider,
  schema: z.object({ serviceId: z.string().default("") }),
  call: async ({ provider }, { serviceId }) => {
    await deleteService(await getDb(), provider.id, serviceId);
    return "deleted=1";
  },
  // The list explains why and offers Deactivate beside the explanation.
  flash: (e, { serviceId }) => (e.code === "IN_USE" ? `cannotDelete=${encodeURIComponent(serviceId)}` : undefined),
  revalidate: ({ provider }) => servicesPaths(provider.slug),
  to: (_ctx, query) => `/dashboard/services?${query}`,
});
