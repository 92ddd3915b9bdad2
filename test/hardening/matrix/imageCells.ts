// Cells for the image rows of the authorization table: an upload is raw bytes, not JSON, so these
// cells send it themselves, and check that an image row appeared exactly when the answer was 201;
// a read fetches an image of the main document and, on 200, that the bytes are the image's.
import crypto from "node:crypto";
import type { Role } from "../support/world";
import type { Outcome, Probe } from "./probe";
import { httpOutcome } from "./refusal";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A PNG-signed body unique to this call (identical images are stored once, which would hide a second write). */
const uniquePng = () => Buffer.concat([PNG_SIGNATURE, crypto.randomBytes(32)]);

async function send(p: Probe, role: Role, method: string, pathname: string, init: { body?: Buffer; type?: string } = {}) {
  const res = await fetch(p.w.url + pathname, {
    method,
    headers: { ...p.w.headers(role), ...(init.type ? { "content-type": init.type } : {}) },
    body: init.body ? new Uint8Array(init.body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString("utf8"));
  } catch {
    body = undefined;
  }
  return { status: res.status, body, bytes };
}

export async function uploadImageCell(p: Probe, role: Role): Promise<Outcome> {
  const count = () => p.w.services.db.documentImage.count({ where: { documentId: p.w.mainDocId } });
  const before = await count();
  const res = await send(p, role, "POST", `/api/documents/${p.w.mainDocId}/images`, { body: uniquePng(), type: "image/png" });
  const outcome = httpOutcome(res);
  const made = (await count()) > before;
  return made === (outcome === 201) ? outcome : `${outcome} but an image was ${made ? "stored" : "not stored"}`;
}

export async function readImageCell(p: Probe, role: Role): Promise<Outcome> {
  const id = crypto.randomUUID();
  const bytes = uniquePng();
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  await p.w.services.db.documentImage.create({
    data: { id, documentId: p.w.mainDocId, uploaderId: p.w.users.owner.id, mime: "image/png", size: bytes.length, sha256, bytes: new Uint8Array(bytes) },
  });
  const res = await send(p, role, "GET", `/api/images/${id}`);
  const outcome = httpOutcome(res);
  if (outcome === 200 && !res.bytes.equals(bytes)) return "200 but not the image's bytes";
  return outcome;
}
