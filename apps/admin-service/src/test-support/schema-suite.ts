import { operatorCalls, type AdminTestServer } from './admin-test-server';

const APP = 'checkout';
const PROPS = `/apps/${APP}/clusters/default/namespaces/application`;
const YAML = `/apps/${APP}/clusters/default/namespaces/server.yaml`;

const PROPERTIES_SCHEMA = {
  type: 'object',
  properties: { timeout: { type: 'integer', minimum: 1, maximum: 60000 } },
  patternProperties: { '^feature\\.': { type: 'boolean' } },
};

/** Namespace schemas through the admin API: stored and versioned, enforced on edits and releases. */
export function schemaSuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'alice');

  beforeAll(async () => {
    server = await open();
    expect((await call('POST', '/apps', { appId: APP, name: 'Checkout' })).status).toBe(201);
    expect(
      (await call('POST', `/apps/${APP}/appnamespaces`, { name: 'server', format: 'yaml' })).status,
    ).toBe(201);
    expect((await call('POST', `/apps/${APP}/appnamespaces`, { name: 'layout', format: 'xml' })).status).toBe(
      201,
    );
  });
  afterAll(async () => server?.close());

  it('refuses item edits that violate a properties schema with 422 and the JSON path', async () => {
    const set = await call('PUT', `/apps/${APP}/appnamespaces/application/schema`, {
      schema: PROPERTIES_SCHEMA,
      comment: 'timeouts are milliseconds',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ version: 1, schema: PROPERTIES_SCHEMA, createdBy: 'alice' });

    const tooLong = await call('POST', `${PROPS}/items`, { key: 'timeout', value: '90000' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({
      code: 'SCHEMA_VIOLATION',
      details: { schemaVersion: 1, violations: [{ path: '$.timeout', message: 'must be <= 60000' }] },
    });
    expect((await call('POST', `${PROPS}/items`, { key: 'timeout', value: '30000' })).status).toBe(201);
    expect((await call('PUT', `${PROPS}/items/timeout`, { value: 'soon' })).body.details.violations).toEqual([
      { path: '$.timeout', message: 'must be integer' },
    ]);
    const text = await call('PUT', `${PROPS}/items`, {
      configText: 'timeout = 30000\nfeature.beta = maybe\n',
    });
    expect(text.status).toBe(422);
    expect(text.body.details.violations).toEqual([{ path: "$['feature.beta']", message: 'must be boolean' }]);
    expect(
      (await call('PUT', `${PROPS}/items`, { configText: 'timeout = 30000\nfeature.beta = true\n' })).status,
    ).toBe(200);
    // Nothing refused was stored.
    expect((await call('GET', `${PROPS}/items/timeout`)).body.value).toBe('30000');
  });

  it('refuses a release that violates the schema in force, and keeps every version', async () => {
    const tighter = await call('PUT', `/apps/${APP}/appnamespaces/application/schema`, {
      schema: { ...PROPERTIES_SCHEMA, properties: { timeout: { type: 'integer', maximum: 1000 } } },
    });
    expect(tighter.body.version).toBe(2);
    const refused = await call('POST', `${PROPS}/releases`, { releaseTitle: 'with a long timeout' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'SCHEMA_VIOLATION',
      details: { schemaVersion: 2, violations: [{ path: '$.timeout', message: 'must be <= 1000' }] },
    });
    expect((await call('GET', `${PROPS}/releases/latest`)).status).toBe(404);

    const dryRun = await call('POST', `${PROPS}/releases/dry-run`);
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toEqual({
      baseReleaseId: 0,
      fingerprint: expect.any(String),
      hasChanges: true,
      changes: {
        added: [
          { key: 'feature.beta', value: 'true' },
          { key: 'timeout', value: '30000' },
        ],
        modified: [],
        deleted: [],
      },
      wouldPublish: false,
      checks: [
        {
          name: 'schema',
          passed: false,
          schemaVersion: 2,
          problems: [{ path: '$.timeout', message: 'must be <= 1000' }],
        },
      ],
    });
    expect((await call('GET', `${PROPS}/releases/latest`)).status).toBe(404);

    expect((await call('DELETE', `/apps/${APP}/appnamespaces/application/schema`)).body).toMatchObject({
      version: 3,
      schema: null,
    });
    expect((await call('GET', `/apps/${APP}/appnamespaces/application/schema`)).status).toBe(404);
    const versions = await call('GET', `/apps/${APP}/appnamespaces/application/schema/versions`);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect((await call('POST', `${PROPS}/releases/dry-run`)).body).toMatchObject({
      wouldPublish: true,
      checks: [],
    });
    expect((await call('POST', `${PROPS}/releases`, { releaseTitle: 'now fine' })).status).toBe(201);
  });

  it('checks gray releases and merges against the schema in force', async () => {
    const branch = (await call('POST', `${PROPS}/branches`, {})).body.branchName as string;
    const edited = await call('PUT', `/apps/${APP}/clusters/${branch}/namespaces/application/items/timeout`, {
      value: '5000',
    });
    expect(edited.status).toBe(200);
    const tighter = { ...PROPERTIES_SCHEMA, properties: { timeout: { type: 'integer', maximum: 1000 } } };
    expect(
      (await call('PUT', `/apps/${APP}/appnamespaces/application/schema`, { schema: tighter })).status,
    ).toBe(200);
    const violation = { path: '$.timeout', message: 'must be <= 1000' };
    const gray = await call('POST', `${PROPS}/branches/${branch}/releases`, {});
    expect(gray.status).toBe(422);
    expect(gray.body).toMatchObject({ code: 'SCHEMA_VIOLATION', details: { violations: [violation] } });
    const merge = await call('POST', `${PROPS}/branches/${branch}/merge`, {});
    expect(merge.status).toBe(422);
    expect(merge.body).toMatchObject({ code: 'SCHEMA_VIOLATION', details: { violations: [violation] } });
    // Nothing of either was written: main still holds its value, the branch is still there.
    expect((await call('GET', `${PROPS}/items/timeout`)).body.value).toBe('30000');
    expect((await call('GET', `${PROPS}/branches`)).body.branchName).toBe(branch);
    expect((await call('DELETE', `/apps/${APP}/appnamespaces/application/schema`)).status).toBe(200);
    expect((await call('POST', `${PROPS}/branches/${branch}/releases`, {})).status).toBe(201);
    expect((await call('POST', `${PROPS}/branches/${branch}/merge`, {})).status).toBe(201);
    expect((await call('GET', `${PROPS}/releases/latest`)).body.configurations).toMatchObject({
      timeout: '5000',
    });
  });

  it('checks yaml documents as parsed', async () => {
    const schema = {
      type: 'object',
      required: ['port'],
      properties: {
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        hosts: { type: 'array', items: { type: 'string', format: 'hostname' } },
      },
    };
    expect((await call('PUT', `/apps/${APP}/appnamespaces/server.yaml/schema`, { schema })).status).toBe(200);
    const bad = await call('PUT', `${YAML}/items`, {
      configText: 'port: 80\nhosts:\n  - ok.example\n  - "not a host!"\n',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.violations).toEqual([
      { path: '$.hosts[1]', message: 'must match format "hostname"' },
    ]);
    const missing = await call('PUT', `${YAML}/items`, { configText: 'hosts: []\n' });
    expect(missing.body.details.violations).toEqual([
      { path: '$.port', message: "must have required property 'port'" },
    ]);
    expect((await call('PUT', `${YAML}/items`, { configText: 'port: 8080\n' })).status).toBe(200);
    expect((await call('POST', `${YAML}/releases/dry-run`)).body).toMatchObject({
      wouldPublish: true,
      checks: [
        { name: 'syntax', passed: true, problems: [] },
        { name: 'schema', passed: true, problems: [], schemaVersion: 1 },
      ],
    });
  });

  it('refuses schemas it cannot enforce with 400', async () => {
    const remote = await call('PUT', `/apps/${APP}/appnamespaces/application/schema`, {
      schema: { $ref: 'http://127.0.0.1:9/schema.json' },
    });
    expect(remote.status).toBe(400);
    expect(remote.body.details).toMatchObject({ reason: 'INVALID_SCHEMA' });
    const typo = await call('PUT', `/apps/${APP}/appnamespaces/application/schema`, {
      schema: { tpye: 'object' },
    });
    expect(typo.status).toBe(400);
    const xml = await call('PUT', `/apps/${APP}/appnamespaces/layout.xml/schema`, {
      schema: { type: 'object' },
    });
    expect(xml.body.details).toMatchObject({ reason: 'FORMAT_HAS_NO_SCHEMA' });
    expect((await call('PUT', `/apps/${APP}/appnamespaces/nope/schema`, { schema: {} })).status).toBe(404);
  });
}
