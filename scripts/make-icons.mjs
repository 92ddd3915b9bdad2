// Makes public/'s icons from app/icon.svg (the one drawing): favicon.ico (16, 32 and 48 px PNGs in
// an ICO container, which every browser reads), and the PNGs the web manifest and iOS ask for.
// Run by hand when the icon changes: `node scripts/make-icons.mjs`. Uses sharp, which Next installs.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.resolve(import.meta.dirname, "..");
const svg = fs.readFileSync(path.join(root, "app/icon.svg"));
const out = (name) => path.join(root, "public", name);
const png = (size, { padding = 0, background } = {}) => {
  const inner = size - 2 * padding;
  let image = sharp(svg, { density: 72 * Math.ceil(size / 32) * 4 }).resize(inner, inner);
  // An opaque background also fills the drawing's transparent rounded corners.
  if (background) image = image.flatten({ background });
  if (padding > 0)
    image = image.extend({ top: padding, bottom: padding, left: padding, right: padding, background: background ?? { r: 0, g: 0, b: 0, alpha: 0 } });
  return image.png().toBuffer();
};

/** ICO: a 6-byte header, one 16-byte entry per image, then the PNG files themselves. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    e.writeUInt8(size >= 256 ? 0 : size, 1); // height
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3); // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const sizes = [16, 32, 48];
const images = await Promise.all(sizes.map(async (size) => ({ size, data: await png(size) })));
fs.writeFileSync(out("favicon.ico"), ico(images));
fs.writeFileSync(out("icon-192.png"), await png(192));
fs.writeFileSync(out("icon-512.png"), await png(512));
// Maskable: the drawing inside the safe zone (80 %), on the brand colour, for Android's shaped icons.
fs.writeFileSync(out("icon-maskable-512.png"), await png(512, { padding: 52, background: "#4f46e5" }));
// iOS draws its own rounded corners, on an opaque square.
fs.writeFileSync(out("apple-touch-icon.png"), await png(180, { background: "#4f46e5" }));
console.log(
  "wrote public/favicon.ico, icon-192.png, icon-512.png, icon-maskable-512.png, apple-touch-icon.png (app/icon.svg itself is served by Next at /icon.svg)",
);
