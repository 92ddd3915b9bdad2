import { RequireAuth } from "@/components/layout/RequireAuth";
import { DocumentView } from "@/components/documents/DocumentView";

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAuth>
      <DocumentView id={id} />
    </RequireAuth>
  );
}
