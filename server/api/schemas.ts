// zod schemas for every JSON body the API accepts: the shared HTTP contracts in lib/contracts (the
// browser's client derives its types from the same schemas), re-exported for the routes.
export { email, LoginBody, SignupBody } from "../../lib/contracts/auth";
export { CreateDocumentBody, RenameDocumentBody } from "../../lib/contracts/documents";
export { AddMemberBody, ChangeRoleBody } from "../../lib/contracts/members";
export { CreateTokenBody } from "../../lib/contracts/tokens";
export { Id } from "../../lib/contracts/ids";
