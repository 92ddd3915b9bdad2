// Plain words when the server ended or limited our session (access removed, document deleted, ...).
import { Alert } from "@/components/ui/Alert";

export function AccessNotice({ message, tone }: { message: string; tone: "error" | "info" }) {
  return (
    <Alert tone={tone} className="mb-3">
      <span data-testid="access-notice">{message}</span>
    </Alert>
  );
}
