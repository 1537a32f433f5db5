/** Formats a namespace can hold, as Apollo's AppNamespace.Format column spells them. */
export const NAMESPACE_FORMATS = ['properties', 'xml', 'json', 'yml', 'yaml', 'txt'] as const;

export type NamespaceFormat = (typeof NAMESPACE_FORMATS)[number];

export function isNamespaceFormat(v: unknown): v is NamespaceFormat {
  return typeof v === 'string' && (NAMESPACE_FORMATS as readonly string[]).includes(v);
}

const PROPERTIES_SUFFIX = '.properties';

/** Clients may ask for `application.properties`; Apollo treats that as `application`, whatever the case. */
export function stripPropertiesSuffix(name: string): string {
  return name.toLowerCase().endsWith(PROPERTIES_SUFFIX) ? name.slice(0, -PROPERTIES_SUFFIX.length) : name;
}

// Checked in this order so that `.yaml` is never mistaken for anything else; matching is case-insensitive
// like Apollo's ConfigFileFormat lookup.
const SUFFIXED_FORMATS: readonly NamespaceFormat[] = ['json', 'yml', 'yaml', 'xml', 'txt'];

export function formatOfNamespaceName(name: string): NamespaceFormat {
  const lower = name.toLowerCase();
  return SUFFIXED_FORMATS.find((format) => lower.endsWith(`.${format}`)) ?? 'properties';
}

/**
 * The stored name of a namespace: properties namespaces drop their suffix, every other format keeps
 * `.format` in the name (Apollo stores `x.json`, `x.yml`...), added only when not already there.
 */
export function namespaceNameFor(baseName: string, format: NamespaceFormat): string {
  if (format === 'properties') return stripPropertiesSuffix(baseName);
  return baseName.toLowerCase().endsWith(`.${format}`) ? baseName : `${baseName}.${format}`;
}
