import type { NamespaceFormat } from './types';

const FORMATS: NamespaceFormat[] = ['json', 'yaml', 'yml', 'xml', 'txt'];

/** Apollo strips a `.properties` suffix (case-insensitively); other suffixes are part of the name. */
export function normalizeNamespace(name: string): string {
  return name.replace(/\.properties$/i, '');
}

/** The format a namespace's name implies, as Apollo's clients decide it. */
export function namespaceFormat(name: string): NamespaceFormat {
  const dot = name.lastIndexOf('.');
  const suffix = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return (FORMATS as string[]).includes(suffix) ? (suffix as NamespaceFormat) : 'properties';
}
