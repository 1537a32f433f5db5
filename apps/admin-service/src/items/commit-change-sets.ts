import type { ItemDraft } from '@houston/domain';

interface CommittedItem {
  key: string;
  value: string;
  comment: string;
  lineNum: number;
}

/** Apollo's commit content: `{createItems, updateItems: [{oldItem, newItem}], deleteItems}`, as JSON. */
export interface CommitChangeSets {
  createItems: CommittedItem[];
  updateItems: Array<{ oldItem: CommittedItem; newItem: CommittedItem }>;
  deleteItems: CommittedItem[];
}

export function emptyChangeSets(): CommitChangeSets {
  return { createItems: [], updateItems: [], deleteItems: [] };
}

export function committed(item: ItemDraft): CommittedItem {
  return { key: item.key, value: item.value, comment: item.comment, lineNum: item.lineNum };
}
