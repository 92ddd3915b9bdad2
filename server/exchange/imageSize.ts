// An image's size in pixels from its header, for the formats the server stores that a .docx can hold
// (PNG, GIF, JPEG): Word needs the size, and the upload kept only the bytes. Null when it cannot tell.
export type PixelSize = { width: number; height: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function imagePixelSize(bytes: Uint8Array): PixelSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const valid = (size: PixelSize) => (size.width > 0 && size.height > 0 ? size : null);
  // PNG: the IHDR chunk comes first, width and height big-endian at bytes 16 and 20.
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return valid({ width: view.getUint32(16), height: view.getUint32(20) });
  // GIF: "GIF87a"/"GIF89a", then width and height little-endian.
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return valid({ width: view.getUint16(6, true), height: view.getUint16(8, true) });
  }
  // JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1];
      if (marker === 0xff) {
        at++; // fill byte
        continue;
      }
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return valid({ width: view.getUint16(at + 7), height: view.getUint16(at + 5) });
      }
      if (length < 2) return null;
      at += 2 + length;
    }
  }
  return null;
}
