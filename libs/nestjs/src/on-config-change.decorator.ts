import 'reflect-metadata';
import type { ConfigChange, ConfigChangeEvent } from '@houston/client';
import { HOUSTON_CHANGE_HANDLERS } from './houston.constants';

export interface ChangeHandlerBinding {
  method: string | symbol;
  namespace?: string;
  keyPattern?: string | RegExp;
}

/**
 * Calls the decorated method with the `ConfigChangeEvent` of each release (of `namespace`, if
 * given), its changes filtered to the keys matching `keyPattern`: an exact key, a glob with `*`
 * (`'db.*'`), or a RegExp. Not called when no changed key matches.
 */
export function OnConfigChange(namespace?: string, keyPattern?: string | RegExp): MethodDecorator {
  return (target, method) => {
    const own =
      (Reflect.getOwnMetadata(HOUSTON_CHANGE_HANDLERS, target.constructor) as
        ChangeHandlerBinding[] | undefined) ?? [];
    Reflect.defineMetadata(
      HOUSTON_CHANGE_HANDLERS,
      [...own, { method, namespace, keyPattern }],
      target.constructor,
    );
  };
}

export function changeHandlers(type: object): ChangeHandlerBinding[] {
  const found: ChangeHandlerBinding[] = [];
  for (
    let current: unknown = type;
    typeof current === 'function' && current !== Function.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    found.push(
      ...((Reflect.getOwnMetadata(HOUSTON_CHANGE_HANDLERS, current) as ChangeHandlerBinding[] | undefined) ??
        []),
    );
  }
  return found;
}

function keyMatcher(pattern: string | RegExp | undefined): (key: string) => boolean {
  if (pattern === undefined) return () => true;
  if (pattern instanceof RegExp)
    return (key) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(key);
  if (!pattern.includes('*')) return (key) => key === pattern;
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (key) => regex.test(key);
}

/** The event narrowed to the matching keys, or undefined when none matches. */
export function filterEvent(
  event: ConfigChangeEvent,
  keyPattern: string | RegExp | undefined,
): ConfigChangeEvent | undefined {
  const matches = keyMatcher(keyPattern);
  const changes: ConfigChange[] = event.changes.filter((change) => matches(change.key));
  return changes.length === 0 ? undefined : { ...event, changes };
}
