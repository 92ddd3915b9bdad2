// The document shapes every layer shares (API responses, socket.io events, bus events), typed once.
export type Role = "owner" | "editor" | "viewer";

export type DocumentSummary = {
  id: string;
  title: string;
  ownerId: string;
  ownerName: string;
  createdAt: string;
  updatedAt: string;
};

/** A document as one person's dashboard lists it: with their role. */
export type ListedDocument = DocumentSummary & { role: Role };
