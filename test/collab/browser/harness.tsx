// Browser entry for the editor test: mounts the real CollaborativeEditor with parameters from the URL.
import { createRoot } from "react-dom/client";
import { CollaborativeEditor } from "../../../components/editor/CollaborativeEditor";

const params = new URLSearchParams(window.location.search);
createRoot(document.getElementById("root")!).render(
  <CollaborativeEditor
    documentId={params.get("doc") ?? ""}
    user={{ id: params.get("uid") ?? "", name: params.get("name") ?? "" }}
    readOnly={params.get("ro") === "1"}
  />,
);
