import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requirePro } from "@/lib/app/guards";
import { listServices } from "@/lib/provider/services";
import { createStaffAction } from "../actions";
import { StaffForm } from "../_components/staff-form";

export const metadata: Metadata = { title: "Add staff member" };

export default async function NewStaffPage() {
  const { provider } = await requirePro("staff");
  const services = await listServices(await getDb(), provider.id);
  return (
    <div className="space-y-6">
      <BackLink href="/dashboard/staff">All staff</BackLink>
      <PageHeader title="Add staff member" description="Then set their working hours and, if you like, invite them to sign in." />
      <Card>
        <StaffForm
          action={createStaffAction}
          initial={{ name: "", email: "", phone: "", bio: "", active: true, serviceIds: [] }}
          services={services}
          hasPhoto={false}
          submitLabel="Add staff member"
        />
      </Card>
    </div>
  );
}
