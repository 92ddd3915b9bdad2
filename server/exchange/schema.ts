// The editor's ProseMirror schema on the server, built once from the same extension list the browser
// editor uses (lib/editor/extensions.ts), so export and import know exactly the nodes people can write.
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { documentExtensions } from "../../lib/editor/extensions";

let schema: Schema | undefined;

export function documentSchema(): Schema {
  schema ??= getSchema(documentExtensions());
  return schema;
}
