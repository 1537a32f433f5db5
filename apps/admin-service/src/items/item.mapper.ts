import type { ItemEntity } from '@houston/entities';
import { auditFields } from '../common/audit-fields';
import type { ItemDto } from './item.dto';

export function toItemDto(item: ItemEntity): ItemDto {
  return {
    key: item.key,
    value: item.value,
    comment: item.comment,
    lineNum: item.lineNum,
    version: item.version,
    ...auditFields(item),
  };
}
