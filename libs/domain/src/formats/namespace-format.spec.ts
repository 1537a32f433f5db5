import {
  NAMESPACE_FORMATS,
  formatOfNamespaceName,
  isNamespaceFormat,
  namespaceNameFor,
  stripPropertiesSuffix,
} from './namespace-format';

describe('namespace formats', () => {
  it('recognises exactly the six Apollo formats', () => {
    expect(NAMESPACE_FORMATS).toEqual(['properties', 'xml', 'json', 'yml', 'yaml', 'txt']);
    for (const format of NAMESPACE_FORMATS) expect(isNamespaceFormat(format)).toBe(true);
    expect(isNamespaceFormat('JSON')).toBe(false);
    expect(isNamespaceFormat('toml')).toBe(false);
    expect(isNamespaceFormat(undefined)).toBe(false);
    expect(isNamespaceFormat(3)).toBe(false);
  });

  it('strips a .properties suffix whatever its case, and only at the end', () => {
    expect(stripPropertiesSuffix('application.properties')).toBe('application');
    expect(stripPropertiesSuffix('FX.apollo.PROPERTIES')).toBe('FX.apollo');
    expect(stripPropertiesSuffix('application')).toBe('application');
    expect(stripPropertiesSuffix('a.properties.json')).toBe('a.properties.json');
    expect(stripPropertiesSuffix('.properties')).toBe('');
  });

  it('derives the format from the suffix', () => {
    expect(formatOfNamespaceName('datasource.json')).toBe('json');
    expect(formatOfNamespaceName('a.YML')).toBe('yml');
    expect(formatOfNamespaceName('a.yaml')).toBe('yaml');
    expect(formatOfNamespaceName('logback.xml')).toBe('xml');
    expect(formatOfNamespaceName('notes.txt')).toBe('txt');
    expect(formatOfNamespaceName('application')).toBe('properties');
    expect(formatOfNamespaceName('application.properties')).toBe('properties');
    expect(formatOfNamespaceName('FX.json.apollo')).toBe('properties');
  });

  it('names non-properties namespaces name.format without doubling the suffix', () => {
    expect(namespaceNameFor('datasource', 'json')).toBe('datasource.json');
    expect(namespaceNameFor('datasource.json', 'json')).toBe('datasource.json');
    expect(namespaceNameFor('datasource.JSON', 'json')).toBe('datasource.JSON');
    expect(namespaceNameFor('datasource.json', 'yaml')).toBe('datasource.json.yaml');
    expect(namespaceNameFor('application', 'properties')).toBe('application');
    expect(namespaceNameFor('application.properties', 'properties')).toBe('application');
  });
});
