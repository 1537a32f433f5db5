/**
 * One row of a namespace as the editor sees it. In a properties namespace a key of '' is a comment
 * or blank line, kept as its own row (as Apollo does) so that text edits round-trip.
 */
export interface ItemDraft {
  key: string;
  value: string;
  comment: string;
  lineNum: number;
}

export interface ExistingItem extends ItemDraft {
  id: number;
}

export interface ItemLimits {
  maxKeyLength: number;
  maxValueLength: number;
  maxDocumentLength: number;
  maxCommentLength: number;
  maxItemsPerNamespace: number;
}

/** Apollo's column sizes (Key 128, Value 20 000) plus generous document and namespace ceilings. */
export const DEFAULT_ITEM_LIMITS: ItemLimits = {
  maxKeyLength: 128,
  maxValueLength: 20000,
  maxDocumentLength: 1_048_576,
  maxCommentLength: 1024,
  maxItemsPerNamespace: 50_000,
};
