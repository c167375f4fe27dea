import { handlers } from "@/lib/app/auth";

export const { GET, POST } = handlers;
