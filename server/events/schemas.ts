// zod schemas for the announcement API's bodies: the shared HTTP contract (lib/contracts/announcements.ts).
export {
  CreateAnnouncementBody,
  UpdateAnnouncementBody,
  SeenAnnouncementsBody,
  type CreateAnnouncementInput,
  type UpdateAnnouncementInput,
} from "../../lib/contracts/announcements";
