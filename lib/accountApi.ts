// The browser's client for the dashboard's shortcuts (server/api/shortcutRoutes.ts), one's own
// account and password resets (server/api/accountRoutes.ts), typed from the shared contracts.
import { request } from "./api";
import type { UserResponse } from "./contracts/auth";
import type { ShortcutListResponse } from "./contracts/shortcuts";
import type {
  ChangeEmailInput,
  ChangePasswordInput,
  EmailChangedResponse,
  EmailChangeResponse,
  EmailChangeView,
  ResetLinkResponse,
  ResetView,
  SessionListResponse,
  SessionView,
  UpdateMeInput,
} from "./contracts/account";

export type { EmailChangeView, ResetView, SessionView };

const enc = encodeURIComponent;

export const shortcutsApi = {
  favourites: () => request<ShortcutListResponse>("GET", "/api/me/favourites").then((r) => r.documents),
  recent: () => request<ShortcutListResponse>("GET", "/api/me/recent").then((r) => r.documents),
  star: (id: string) => request<void>("PUT", `/api/documents/${enc(id)}/favourite`),
  unstar: (id: string) => request<void>("DELETE", `/api/documents/${enc(id)}/favourite`),
};

export const accountApi = {
  rename: (name: string) => request<UserResponse>("PATCH", "/api/me", { name } satisfies UpdateMeInput).then((r) => r.user),
  /** Asks for the change; the email changes when the link sent to the new address is opened. */
  changeEmail: (input: ChangeEmailInput) => request<EmailChangeResponse>("PUT", "/api/me/email", input).then((r) => r.pending),
  emailChange: () => request<EmailChangeResponse>("GET", "/api/me/email").then((r) => r.pending),
  resendEmailChange: () => request<EmailChangeResponse>("POST", "/api/me/email/resend").then((r) => r.pending),
  cancelEmailChange: () => request<void>("DELETE", "/api/me/email"),
  emailChangeView: (token: string) => request<EmailChangeView>("GET", `/api/auth/email-change/${enc(token)}`),
  confirmEmailChange: (token: string) => request<EmailChangedResponse>("POST", `/api/auth/email-change/${enc(token)}`).then((r) => r.email),
  changePassword: (input: ChangePasswordInput) => request<void>("PUT", "/api/me/password", input),
  sessions: () => request<SessionListResponse>("GET", "/api/me/sessions").then((r) => r.sessions),
  endSession: (id: string) => request<void>("DELETE", `/api/me/sessions/${enc(id)}`),
  endOtherSessions: () => request<{ ended: number }>("DELETE", "/api/me/sessions").then((r) => r.ended),
  forgotPassword: (email: string) => request<{ message: string }>("POST", "/api/auth/forgot-password", { email }).then((r) => r.message),
  resetView: (token: string) => request<ResetView>("GET", `/api/auth/reset/${enc(token)}`),
  resetPassword: (token: string, password: string) => request<void>("POST", `/api/auth/reset/${enc(token)}`, { password }),
  adminResetLink: (userId: string) => request<ResetLinkResponse>("POST", `/api/admin/people/${enc(userId)}/reset-link`),
};
