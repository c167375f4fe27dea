import { BackLink } from "@/components/ui/back-link";

/** "← <name>": back to a member's page from their edit, availability and resolve pages. */
export function BackToMember({ member }: { member: { id: string; name: string } }) {
  return <BackLink href={`/dashboard/staff/${member.id}`}>{member.name}</BackLink>;
}
