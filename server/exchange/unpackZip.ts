// Opens an uploaded zip (every .docx is one) with a bound on what it may unpack to, so a small file
// cannot become gigabytes in memory (a "zip bomb"): at most so many entries, and a cap on the total
// uncompressed bytes counted as they really inflate (a zip's declared sizes are only claims). The
// compressed bytes go in small slices, so one slice can inflate to at most ~1,000× its size before
// the count stops it.
import { Unzip, UnzipInflate } from "fflate";
import { invalidInput } from "../domain/errors";
import { megabytes } from "../../lib/megabytes";

export type UnpackLimits = { maxEntries: number; maxUnpackedBytes: number };

/** Entries one archive may hold: a Word file with a hundred pictures has a few hundred. */
export const ARCHIVE_MAX_ENTRIES = 2000;
/** What one archive may unpack to, as a multiple of the archive's own limit (pictures hardly compress, XML does). */
export const ARCHIVE_UNPACK_FACTOR = 4;

const SLICE = 16 * 1024;

const unreadable = () => invalidInput("This file could not be unpacked (it is not a whole zip). Save it again and import that file.", "file");

/** The archive's files by name; throws a plain-words 400 past a limit or for a broken zip. */
export function unpackZip(bytes: Uint8Array, limits: UnpackLimits): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let entries = 0;
  let unpacked = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (++entries > limits.maxEntries) {
      failure = invalidInput(
        `This file holds more than ${limits.maxEntries.toLocaleString("en")} parts, more than a document has. It was not imported.`,
        "file",
      );
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = unreadable();
        return;
      }
      unpacked += chunk.length;
      if (unpacked > limits.maxUnpackedBytes) {
        failure = invalidInput(
          `This file unpacks to more than ${megabytes(limits.maxUnpackedBytes)}, far more than its size suggests. It was not imported.`,
          "file",
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) files.set(file.name, Buffer.concat(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += SLICE) unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  } catch {
    throw failure ?? unreadable();
  }
  if (failure) throw failure;
  return files;
}
