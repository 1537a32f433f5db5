/** The columns a soft delete sets; `deletedAt` joins unique keys so the name can be reused. */
export function softDeleted(operator: string, now = Date.now()) {
  return { isDeleted: true, deletedAt: now, lastModifiedBy: operator };
}

export const LIVE = { isDeleted: false } as const;
