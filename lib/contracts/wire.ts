// Field rules shared by the HTTP contracts (lib/contracts/*): what a response carries on the wire.
import { z } from "zod";

/** A date as JSON carries it: `Date.prototype.toISOString()`. */
export const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time" });
