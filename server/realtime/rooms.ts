// Room names: every socket joins its user's room; a document's room holds the sockets that opened it.
export const userRoom = (userId: string) => `user:${userId}`;
export const docRoom = (documentId: string) => `doc:${documentId}`;
