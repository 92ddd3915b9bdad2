// Browser entry for the editor test: mounts the real CollaborativeEditor with parameters from the URL.
import { createRoot } from "react-dom/client";
import { CollaborativeEditor } from "../../../components/editor/CollaborativeEditor";
import { SessionProvider } from "../../../components/layout/SessionProvider";
import { AskDialogProvider } from "../../../components/ui/AskDialog";

const params = new URLSearchParams(window.location.search);
// Inside the providers of the app's layout (app/layout.tsx): the editor reads the session (signed
// out in another tab locks it) and asks through the app's dialog (a link's address).
createRoot(document.getElementById("root")!).render(
  <SessionProvider>
    <AskDialogProvider>
      <CollaborativeEditor
        documentId={params.get("doc") ?? ""}
        user={{ id: params.get("uid") ?? "", name: params.get("name") ?? "" }}
        readOnly={params.get("ro") === "1"}
      />
    </AskDialogProvider>
  </SessionProvider>,
);
