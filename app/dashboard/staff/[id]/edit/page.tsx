import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/runtime";
import { requirePro } from "@/lib/plans/guard";
import { listServices } from "@/lib/provider/services";
import { updateStaffAction } from "../../actions";
import { StaffForm } from "../../_components/staff-form";
import { memberOrNotFound } from "../member";

export const metadata: Metadata = { title: "Edit staff member" };

export default async function EditStaffPage({ params }: { params: Promise<{ id: string }> }) {
  const { provider } = await requirePro("staff");
  const { id } = await params;
  const db = await getDb();
  const [member, services] = await Promise.all([memberOrNotFound(db, provider.id, id), listServices(db, provider.id)]);
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/dashboard/staff/${member.id}`} className="text-sm text-indigo-700 underline-offset-2 hover:underline">
          ← {member.name}
        </Link>
      </p>
      <PageHeader title={`Edit ${member.name}`} />
      <Card>
        <StaffForm
          action={updateStaffAction.bind(null, member.id)}
          initial={{ ...member, serviceIds: member.services.map((s) => s.id) }}
          services={services}
          hasPhoto={member.photoVersion !== null}
          submitLabel="Save changes"
        />
      </Card>
    </div>
  );
}
