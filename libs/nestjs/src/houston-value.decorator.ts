import 'reflect-metadata';
import { HOUSTON_VALUES } from './houston.constants';

export type HoustonValueType = 'string' | 'number' | 'boolean' | 'json' | 'array';

export interface HoustonValueOptions {
  /** Default 'application'. */
  namespace?: string;
  /** How to read the value; default: from the default value's type, else the field's declared type, else string. */
  type?: HoustonValueType;
  /** For type 'array'; default ','. */
  separator?: string;
}

export interface HoustonValueBinding {
  property: string | symbol;
  key: string;
  defaultValue: unknown;
  namespace?: string;
  type: HoustonValueType;
  separator?: string;
}

function inferType(defaultValue: unknown, declared: unknown): HoustonValueType {
  if (typeof defaultValue === 'number' || declared === Number) return 'number';
  if (typeof defaultValue === 'boolean' || declared === Boolean) return 'boolean';
  if (Array.isArray(defaultValue) || declared === Array) return 'array';
  if ((defaultValue !== null && typeof defaultValue === 'object') || declared === Object) return 'json';
  return 'string';
}

/**
 * Binds a field of any provider or controller to a configuration key. Once the module has
 * started, reading the field always gives the key's current value (or the default), so a new
 * release takes effect without a restart.
 */
export function HoustonValue(
  key: string,
  defaultValue?: unknown,
  options: HoustonValueOptions = {},
): PropertyDecorator {
  return (target, property) => {
    const declared = Reflect.getMetadata('design:type', target, property) as unknown;
    const binding: HoustonValueBinding = {
      property,
      key,
      defaultValue,
      namespace: options.namespace,
      type: options.type ?? inferType(defaultValue, declared),
      separator: options.separator,
    };
    const own =
      (Reflect.getOwnMetadata(HOUSTON_VALUES, target.constructor) as HoustonValueBinding[] | undefined) ?? [];
    Reflect.defineMetadata(HOUSTON_VALUES, [...own, binding], target.constructor);
  };
}

/** Bindings of a class and of the classes it extends. */
export function houstonValues(type: object): HoustonValueBinding[] {
  const found: HoustonValueBinding[] = [];
  for (
    let current: unknown = type;
    typeof current === 'function' && current !== Function.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    found.push(
      ...((Reflect.getOwnMetadata(HOUSTON_VALUES, current) as HoustonValueBinding[] | undefined) ?? []),
    );
  }
  return found;
}
