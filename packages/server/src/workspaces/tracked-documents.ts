import type { DocumentStore } from '../ports/document-store';

/** A document store that remembers which collections were asked for. */
export interface TrackedDocuments extends DocumentStore {
  /** Every collection name asked for so far: the server asks for all of them while it starts. */
  names(): string[];
}

/**
 * Wraps the document store so that deleting a workspace can reach every collection, including
 * ones added by modules written after the eraser.
 */
export function trackCollections(documents: DocumentStore): TrackedDocuments {
  const names = new Set<string>();
  return {
    collection(name, options) {
      names.add(name);
      return documents.collection(name, options);
    },
    close: () => documents.close(),
    names: () => [...names].sort(),
  };
}
