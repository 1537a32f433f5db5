type YamlParse = (text: string) => unknown;

let parseYaml: YamlParse | undefined;

/**
 * `yaml` is an optional peer dependency: it is loaded only when a yaml namespace is configured,
 * so services reading properties or json namespaces need not install it.
 */
export async function loadYaml(): Promise<boolean> {
  if (parseYaml) return true;
  try {
    const mod = (await import('yaml')) as { parse: YamlParse };
    parseYaml = mod.parse;
    return true;
  } catch {
    return false;
  }
}

export function yamlParser(): YamlParse {
  if (!parseYaml) throw new Error("parsing a yaml namespace needs the 'yaml' package: npm install yaml");
  return parseYaml;
}
