import { DomainError, isSecretEnvelope, SECRET_MASK, SECRET_PREFIX } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import type { ItemSearchQueryDto, ItemSearchResultDto } from './item-search.dto';

/**
 * Keys and values across every app of this environment (Apollo 2.4's global search), bounded:
 * at most `limit` rows, a key prefix read as an index range. Secret values are masked and never
 * matched. Who may see which app's values is the portal's to decide.
 */
@Injectable()
export class SearchItems {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  async execute(query: ItemSearchQueryDto): Promise<ItemSearchResultDto> {
    if (!query.key && !query.value) {
      throw new DomainError('VALIDATION_FAILED', 'give a key or a value to search for', { field: 'key' });
    }
    const hits = await this.options.database.repos.items.search({
      keyPrefix: query.key,
      valueContains: query.value,
      limit: query.limit + 1,
      secretPrefix: SECRET_PREFIX,
    });
    return {
      items: hits.slice(0, query.limit).map((hit) => {
        const secret = isSecretEnvelope(hit.value);
        return { ...hit, value: secret ? SECRET_MASK : hit.value, secret };
      }),
      truncated: hits.length > query.limit,
    };
  }
}
