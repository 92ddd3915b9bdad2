// The two archive containers exports are written in, behind one shape: each entry's bytes come back as
// chunks to send right away, so an archive of many documents streams without being held in memory.
// Tar (tar.ts) for the whole-workspace export; zip (fflate) for a page with its sub-pages, which people
// open by double-clicking on any system.
import { Zip, ZipDeflate } from "fflate";
import { TAR_END, tarEntry } from "./tar";

export type ArchiveFormat = "tar" | "zip";

export interface ArchiveWriter {
  readonly contentType: string;
  entry(name: string, data: Uint8Array, mtime?: Date): Uint8Array[];
  end(): Uint8Array[];
}

function tarWriter(): ArchiveWriter {
  return { contentType: "application/x-tar", entry: (name, data, mtime) => tarEntry(name, data, mtime), end: () => [TAR_END] };
}

function zipWriter(): ArchiveWriter {
  // fflate's Zip emits through its callback synchronously when entries use the synchronous ZipDeflate.
  let pending: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const take = () => {
    if (failure) throw failure;
    const out = pending;
    pending = [];
    return out;
  };
  return {
    contentType: "application/zip",
    entry(name, data, mtime = new Date()) {
      const file = new ZipDeflate(name, { level: 6 });
      file.mtime = mtime;
      zip.add(file);
      file.push(data, true);
      return take();
    },
    end() {
      zip.end();
      return take();
    },
  };
}

export function archiveWriter(format: ArchiveFormat): ArchiveWriter {
  switch (format) {
    case "tar":
      return tarWriter();
    case "zip":
      return zipWriter();
    default: {
      const never: never = format;
      throw new Error(`unknown archive format ${String(never)}`);
    }
  }
}
