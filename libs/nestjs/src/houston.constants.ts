/** Injection token of the module's `HoustonClient`. */
export const HOUSTON_CLIENT = Symbol('HOUSTON_CLIENT');
/** Injection token of the options the client was created with. */
export const HOUSTON_MODULE_OPTIONS = Symbol('HOUSTON_MODULE_OPTIONS');

export const HOUSTON_VALUES = Symbol('houston:values');
export const HOUSTON_CHANGE_HANDLERS = Symbol('houston:change-handlers');
