import { buildTemplateContext } from './template-context';
import { renderTemplateString, TemplateError } from './template-renderer';

const context = buildTemplateContext(
  [
    {
      name: 'application',
      format: 'properties',
      releaseKey: 'r1',
      configurations: { 'server.port': '8080', timeout: '100', hosts: 'a,b' },
    },
    {
      name: 'app.yaml',
      format: 'yaml',
      releaseKey: 'r2',
      configurations: { content: 'db:\n  host: db1\n' },
      content: 'db:\n  host: db1\n',
      parsed: { db: { host: 'db1', replicas: ['r1', 'r2'] } },
    },
  ],
  { id: 'demo', cluster: 'default' },
  { HOSTNAME: 'web-1' },
);

describe('renderTemplateString', () => {
  it('reads properties by key, documents parsed or as text, and the environment', () => {
    const template = [
      'listen {{ config.application["server.port"] }};',
      'timeout {{ config.application.timeout | int * 2 }};',
      '{% for host in config.application.hosts.split(",") %}upstream {{ host }};\n{% endfor -%}',
      'db {{ parsed["app.yaml"].db.host }} {{ parsed["app.yaml"].db.replicas | join(" ") }}',
      'raw {{ config["app.yaml"].content | trim }} / {{ content["app.yaml"] | length }}',
      'host {{ env.HOSTNAME }} app {{ app.id }}/{{ app.cluster }} release {{ releaseKeys.application }}',
    ].join('\n');
    expect(renderTemplateString(template, context)).toBe(
      [
        'listen 8080;',
        'timeout 200;',
        'upstream a;',
        'upstream b;',
        'db db1 r1 r2',
        'raw db:\n  host: db1 / 16',
        'host web-1 app demo/default release r1',
      ].join('\n'),
    );
  });

  it('does not HTML-escape values', () => {
    const escaped = buildTemplateContext(
      [{ name: 'application', format: 'properties', releaseKey: '', configurations: { q: 'a<b & "c"' } }],
      { id: 'x', cluster: 'default' },
      {},
    );
    expect(renderTemplateString('{{ config.application.q }}', escaped)).toBe('a<b & "c"');
  });

  it('fails on an undefined value instead of writing nothing, unless a default is given', () => {
    expect(() => renderTemplateString('port={{ config.application.prot }}', context, 'app.conf.j2')).toThrow(
      TemplateError,
    );
    expect(() => renderTemplateString('{{ config.application.prot }}', context, 'app.conf.j2')).toThrow(
      /^app\.conf\.j2: /,
    );
    expect(renderTemplateString('port={{ config.application.prot | default("80") }}', context)).toBe(
      'port=80',
    );
    expect(renderTemplateString('{% if config.application.prot %}x{% endif %}', context)).toBe('');
  });

  it('names the variable that is missing: the key, the namespace not read, the unknown name', () => {
    const failure = (template: string, ctx: object = context) => {
      try {
        renderTemplateString(template, ctx, 'app.conf.j2');
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('rendered');
    };
    expect(failure('a\nport={{ config.application.prot }}')).toBe(
      'app.conf.j2: [Line 2, Column 6] config.application.prot: namespace application has no key prot (use | default(...) for an optional one)',
    );
    expect(failure('{{ config.application.timeout }} {{ parsed["db.yaml"].host }}')).toMatch(
      /parsed\.db\.yaml: namespace db\.yaml is not read by this houston run \(add -n db\.yaml; it reads application, app\.yaml\)$/,
    );
    expect(failure('{{ confg.application.timeout }}')).toMatch(
      /no variable confg \(a template sees config, parsed/,
    );
    expect(failure('{{ env.DB_PASSWORD }}')).toMatch(
      /env\.DB_PASSWORD: environment variable DB_PASSWORD is not set$/,
    );
    const unreleased = buildTemplateContext(
      [{ name: 'application', format: 'properties', releaseKey: '', configurations: {} }],
      { id: 'shpo', cluster: 'default' },
      {},
    );
    expect(failure('{{ config.application.timeout }}', unreleased)).toMatch(
      /namespace application of app shpo \(cluster default\) has nothing released: does the app exist, and is the namespace released\?$/,
    );
  });

  it('reports a syntax error with the template name', () => {
    expect(() => renderTemplateString('{% if %}', context, 'broken.j2')).toThrow(/broken\.j2/);
  });

  it('has tojson and toyaml filters', () => {
    expect(renderTemplateString('{{ parsed["app.yaml"].db | tojson }}', context)).toBe(
      '{"host":"db1","replicas":["r1","r2"]}',
    );
    expect(renderTemplateString('{{ parsed["app.yaml"].db | toyaml }}', context)).toBe(
      'host: db1\nreplicas:\n  - r1\n  - r2\n',
    );
  });
});

describe('buildTemplateContext', () => {
  it('finds a properties namespace with and without its suffix and gives it as parsed too', () => {
    const built = buildTemplateContext(
      [{ name: 'redis.properties', format: 'properties', releaseKey: 'k', configurations: { port: '6379' } }],
      { id: 'x', cluster: 'default' },
      {},
    );
    expect(built.config['redis']).toEqual({ port: '6379' });
    expect(built.config['redis.properties']).toEqual({ port: '6379' });
    expect(built.parsed['redis']).toEqual({ port: '6379' });
    expect(built.releaseKeys['redis']).toBe('k');
  });
});
