/** What `houston run` knows of one namespace, as the client hands it over. */
export interface NamespaceSnapshot {
  name: string;
  format: string;
  releaseKey: string;
  /** Every key (a document namespace has just `content`). */
  configurations: Record<string, string>;
  /** The document of a yaml/json/xml/txt namespace. */
  content?: string;
  /** json/yaml documents parsed. */
  parsed?: unknown;
}

export interface TemplateContext {
  /** `config.application.timeout`, `config['app.yaml'].content`. */
  config: Record<string, Record<string, string>>;
  /** `parsed['app.yaml'].server.port`: json/yaml documents as objects. */
  parsed: Record<string, unknown>;
  /** `content['nginx.txt']`: documents as text. */
  content: Record<string, string>;
  releaseKeys: Record<string, string>;
  app: { id: string; cluster: string };
  /** The environment `houston run` was started with (host names, ports, secrets from elsewhere). */
  env: Record<string, string | undefined>;
}

/**
 * The variables a template sees. Namespaces are found by the name given on the command line; a
 * properties namespace is also found without its `.properties` suffix.
 */
export function buildTemplateContext(
  namespaces: readonly NamespaceSnapshot[],
  app: { id: string; cluster: string },
  env: Record<string, string | undefined>,
): TemplateContext {
  const context: TemplateContext = {
    config: {},
    parsed: {},
    content: {},
    releaseKeys: {},
    app,
    env: { ...env },
  };
  for (const namespace of namespaces) {
    const names = [namespace.name];
    if (namespace.name.toLowerCase().endsWith('.properties'))
      names.push(namespace.name.slice(0, -'.properties'.length));
    for (const name of names) {
      context.config[name] = { ...namespace.configurations };
      context.releaseKeys[name] = namespace.releaseKey;
      if (namespace.content !== undefined) context.content[name] = namespace.content;
      context.parsed[name] =
        namespace.parsed ?? (namespace.format === 'properties' ? { ...namespace.configurations } : undefined);
    }
  }
  return context;
}
