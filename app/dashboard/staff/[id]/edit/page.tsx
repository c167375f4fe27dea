import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requirePro } from "@/lib/app/guards";
import { listServices } from "@/lib/provider/services";
import { updateStaffAction } from "../../actions";
import { StaffForm } from "../../_components/staff-form";
import { memberOrNotFound } from "../member";
import { BackToMember } from "../../_components/back-to-member";

export const metadata: Metadata = { title: "Edit staff member" };

export default async function EditStaffPage({ params }: { params: Promise<{ id: string }> }) {
  const { provider } = await requirePro("staff");
  const { id } = await params;
  const db = await getDb();
  const [member, services] = await Promise.all([memberOrNotFound(db, provider.id, id), listServices(db, provider.id)]);
  return (
    <div className="space-y-6">
      <BackToMember member={member} />
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
