import { StatusReporter, type StatusReport } from './status-reporter';

const report = (releaseKey: string, status: StatusReport['status'], namespaceName = 'application') => ({
  namespaceName,
  releaseKey,
  status,
  message: '',
});

describe('StatusReporter', () => {
  it('sends a burst as one batch, each status of a release once', async () => {
    const sent: StatusReport[][] = [];
    const reporter = new StatusReporter(
      async (batch) => (sent.push(batch), 'ok'),
      60_000,
      () => undefined,
    );
    reporter.report(report('k1', 'applied'));
    reporter.report(report('k1', 'applied', 'db.yaml'));
    await reporter.flush();
    reporter.report(report('k1', 'applied'));
    await reporter.flush();
    reporter.report(report('k2', 'rejected'));
    await reporter.flush();
    expect(sent.map((batch) => batch.map((r) => `${r.namespaceName}:${r.releaseKey}:${r.status}`))).toEqual([
      ['application:k1:applied', 'db.yaml:k1:applied'],
      ['application:k2:rejected'],
    ]);
  });

  it('retries a failed report with the next one, and stops for a server without the route', async () => {
    const errors: unknown[] = [];
    let answer: 'fail' | 'ok' | 'unsupported' = 'fail';
    const sent: StatusReport[][] = [];
    const reporter = new StatusReporter(
      async (batch) => {
        if (answer === 'fail') throw new Error('down');
        sent.push(batch);
        return answer;
      },
      60_000,
      (error) => errors.push(error),
    );
    reporter.report(report('k1', 'applied'));
    await reporter.flush();
    expect(errors).toHaveLength(1);
    answer = 'ok';
    reporter.report(report('k1', 'applied'));
    await reporter.flush();
    expect(sent).toHaveLength(1);
    answer = 'unsupported';
    reporter.report(report('k2', 'applied'));
    await reporter.flush();
    reporter.report(report('k3', 'applied'));
    await reporter.flush();
    expect(sent).toHaveLength(2);
  });
});
