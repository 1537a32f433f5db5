import { isSecretEnvelope, SECRET_MASK } from '@houston/domain';
import type { ItemEntity } from '@houston/entities';
import { auditFields } from '../common/audit-fields';
import type { ItemDto } from './item.dto';

/** A secret item's value is shown masked. */
export function toItemDto(item: ItemEntity): ItemDto {
  const secret = isSecretEnvelope(item.value);
  return {
    key: item.key,
    value: secret ? SECRET_MASK : item.value,
    secret,
    comment: item.comment,
    lineNum: item.lineNum,
    version: item.version,
    ...auditFields(item),
  };
}

/** The answer to an audited reveal: the item with its clear value. */
export function toRevealedItemDto(item: ItemEntity, clear: string): ItemDto {
  return { ...toItemDto(item), value: clear };
}
