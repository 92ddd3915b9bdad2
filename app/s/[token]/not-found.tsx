// A dead share link (the server found it revoked, expired or unknown): HTTP 404, with the friendly message.
import { DeadLink } from "@/components/links/DeadLink";

export const metadata = { title: "Link no longer works", robots: { index: false, follow: false } };

export default function DeadShareLink() {
  return <DeadLink />;
}
