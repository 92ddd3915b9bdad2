// Images into the document from files: pasted, dropped, or picked (toolbar, slash menu). Each file
// shows a placeholder with its upload progress where it will land; when the server has stored it
// (POST /api/documents/:id/images) the placeholder becomes the image node with the server's URL. A
// failure removes the placeholder and says why (onError, shown as a toast). The document itself
// never holds the file: other people only ever see finished images.
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { IMAGE_ACCEPT, NOT_AN_IMAGE, UploadImageResponse } from "@/lib/contracts/images";
import { ApiErrorBody } from "@/lib/contracts/errors";

export type ImageUploadOptions = {
  /** The document the images are uploaded to. */
  documentId: string;
  /** A failure, in plain words for a toast. */
  onError: (message: string) => void;
};

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    imageUpload: {
      /** Uploads the files and places each image at the selection (or at `at`) once stored. */
      uploadImages: (files: File[], at?: number) => ReturnType;
    };
  }
}

type Placeholder = { id: string; pos: number; name: string };
type Meta = { add: Placeholder } | { remove: string };

const key = new PluginKey<DecorationSet>("imageUpload");

/** Only files that say they are images; the server decides whether they really are one it accepts. */
export const imageFiles = (files: FileList | null | undefined): File[] => [...(files ?? [])].filter((f) => f.type.startsWith("image/"));

const OFFLINE = "You are offline. Try again once you are back online.";

/** Why a file cannot even be sent, in the words a refusal from the server would use; null when it may go. */
function refusedHere(file: File): string | null {
  if (!file.type.startsWith("image/")) return NOT_AN_IMAGE;
  if (typeof navigator !== "undefined" && navigator.onLine === false) return OFFLINE;
  return null;
}

/**
 * True when the clipboard's HTML is more than a picture (text, a table: a spreadsheet also puts a
 * rendered PNG of its cells on the clipboard, which must not win over the table itself).
 */
function htmlCarriesContent(html: string): boolean {
  if (!html.trim()) return false;
  const parsed = new DOMParser().parseFromString(html, "text/html");
  return (parsed.body.textContent ?? "").trim().length > 0 || parsed.querySelector("table") !== null;
}

function placeholderWidget(p: Placeholder): HTMLElement {
  const box = document.createElement("span");
  box.dataset.uploadId = p.id;
  box.setAttribute("role", "status");
  box.setAttribute("data-testid", "image-upload-placeholder");
  box.className =
    "my-3 flex h-24 w-full items-center justify-center rounded border border-dashed border-zinc-300 bg-zinc-50 text-sm text-zinc-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300";
  box.textContent = `Uploading ${p.name}…`;
  return box;
}

function findPlaceholder(state: EditorState, id: string): number | null {
  const found = key.getState(state)?.find(undefined, undefined, (spec) => spec.uploadId === id);
  return found?.length ? found[0].from : null;
}

/** The request, with progress (fetch cannot report upload progress; XMLHttpRequest can). */
function send(documentId: string, file: File, onProgress: (fraction: number) => void): Promise<UploadImageResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/documents/${encodeURIComponent(documentId)}/images`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error("The image could not be sent. Check your connection and try again."));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      const ok = UploadImageResponse.safeParse(body);
      if (xhr.status === 201 && ok.success) return resolve(ok.data);
      const error = ApiErrorBody.safeParse(body);
      reject(new Error(error.success ? error.data.error.message : "The server could not store the image. Try again in a moment."));
    };
    xhr.send(file);
  });
}

let sequence = 0;

function startUpload(view: EditorView, file: File, at: number, options: ImageUploadOptions): void {
  const placeholder: Placeholder = { id: `upload-${++sequence}`, pos: at, name: file.name || "image" };
  view.dispatch(view.state.tr.setMeta(key, { add: placeholder } satisfies Meta));
  const label = () => view.dom.querySelector<HTMLElement>(`[data-upload-id="${placeholder.id}"]`);
  send(options.documentId, file, (fraction) => {
    const el = label();
    if (el) el.textContent = `Uploading ${placeholder.name}… ${Math.round(fraction * 100)}%`;
  })
    .then(({ url }) => {
      if (view.isDestroyed) return;
      const pos = findPlaceholder(view.state, placeholder.id);
      if (pos === null) return; // its place was deleted meanwhile: nothing to insert
      const image = view.state.schema.nodes.image.create({ src: url, alt: null });
      view.dispatch(view.state.tr.replaceRangeWith(pos, pos, image).setMeta(key, { remove: placeholder.id } satisfies Meta));
    })
    .catch((error: Error) => {
      if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, { remove: placeholder.id } satisfies Meta));
      options.onError(`“${placeholder.name}” was not added. ${error.message}`);
    });
}

function uploadAll(view: EditorView, files: File[], at: number, options: ImageUploadOptions): void {
  for (const file of files) {
    const refused = refusedHere(file);
    // Said where every other failed upload is said (the problem toasts), never silently dropped.
    if (refused) options.onError(`“${file.name || "image"}” was not added. ${refused}`);
    else startUpload(view, file, at, options);
  }
}

/** Opens the system's file picker for images; resolves with what was chosen (nothing when cancelled). */
export function pickImageFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = IMAGE_ACCEPT;
    input.multiple = true;
    input.addEventListener("change", () => resolve(imageFiles(input.files)), { once: true });
    input.addEventListener("cancel", () => resolve([]), { once: true });
    input.click();
  });
}

/** Picks image files and uploads them at the selection. */
export async function insertImagesFromPicker(editor: Editor): Promise<void> {
  const files = await pickImageFiles();
  if (files.length > 0 && !editor.isDestroyed) editor.chain().focus().uploadImages(files).run();
}

export const ImageUpload = Extension.create<ImageUploadOptions>({
  name: "imageUpload",

  addOptions() {
    return { documentId: "", onError: () => {} };
  },

  addCommands() {
    return {
      uploadImages:
        (files, at) =>
        ({ view, state, dispatch }) => {
          if (files.length === 0 || !this.editor.isEditable) return false;
          if (dispatch) uploadAll(view, files, at ?? state.selection.from, this.options);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            // Placeholders move with the text around them, local and remote edits alike.
            let next = set.map(tr.mapping, tr.doc);
            const meta = tr.getMeta(key) as Meta | undefined;
            if (meta && "add" in meta) {
              const widget = Decoration.widget(meta.add.pos, () => placeholderWidget(meta.add), { uploadId: meta.add.id, side: -1 });
              next = next.add(tr.doc, [widget]);
            } else if (meta && "remove" in meta) {
              next = next.remove(next.find(undefined, undefined, (spec) => spec.uploadId === meta.remove));
            }
            return next;
          },
        },
        props: {
          decorations: (state) => key.getState(state),
          handlePaste(view, event) {
            const files = imageFiles(event.clipboardData?.files);
            if (files.length === 0 || !view.editable) return false;
            // Rich content with a picture of itself: the content wins (the table or text paste handles it).
            if (htmlCarriesContent(event.clipboardData?.getData("text/html") ?? "")) return false;
            if (!view.state.selection.empty) view.dispatch(view.state.tr.deleteSelection());
            uploadAll(view, files, view.state.selection.from, options);
            return true;
          },
          handleDrop(view, event, _slice, moved) {
            // Every dropped file, not only images: a PDF or a HEIC photo is refused in words, not ignored.
            const files = [...(event.dataTransfer?.files ?? [])];
            if (moved || files.length === 0 || !view.editable) return false;
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from;
            event.preventDefault();
            uploadAll(view, files, at, options);
            return true;
          },
        },
      }),
    ];
  },
});
