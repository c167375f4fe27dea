import Link from "next/link";

/** "← <name>": back to a member's page from their edit, availability and resolve pages. */
export function BackToMember({ member }: { member: { id: string; name: string } }) {
  return (
    <p>
      <Link href={`/dashboard/staff/${member.id}`} className="text-sm text-indigo-700 underline-offset-2 hover:underline">
        ← {member.name}
      </Link>
    </p>
  );
}
