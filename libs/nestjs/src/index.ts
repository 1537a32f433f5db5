export { HoustonModule, type HoustonModuleAsyncOptions, type HoustonModuleOptions } from './houston.module';
export { HoustonConfigService } from './houston-config.service';
export { HoustonValue, type HoustonValueOptions, type HoustonValueType } from './houston-value.decorator';
export { OnConfigChange } from './on-config-change.decorator';
export { HOUSTON_CLIENT, HOUSTON_MODULE_OPTIONS } from './houston.constants';
