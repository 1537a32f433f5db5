import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { I18nProvider } from '../../../i18n/i18n';
import { DEFAULT_PLAN, rolloutBody, type RolloutPlanFields } from './rollout-plan';
import { RolloutPlanEditor } from './RolloutPlanEditor';
import { provideMessageChannel } from '../../../testing/message-channel';

provideMessageChannel();

/** The plan editor as the start dialog holds it: what is sent is the API's body. */
function renderEditor(submit: (body: Record<string, unknown>) => Promise<unknown>) {
  render(
    <I18nProvider language="en">
      <FormModal<RolloutPlanFields>
        open
        title="Start"
        okText="Start"
        fields={['steps', 'gates', 'onFailure']}
        initialValues={DEFAULT_PLAN}
        submit={(fields) => submit(rolloutBody(fields, false))}
        onClose={() => undefined}
      >
        {(form) => <RolloutPlanEditor form={form} />}
      </FormModal>
    </I18nProvider>,
  );
}

const dialog = () => screen.getByRole('dialog');
const field = (label: string) => within(dialog()).getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const errorUnder = (label: string) =>
  field(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent;
const confirm = () =>
  act(async () => {
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Start' }));
  });

// The first render of antd's dialog builds its styles, and each step re-renders the list: seconds
// on a busy machine.
jest.setTimeout(90_000);

describe('RolloutPlanEditor', () => {
  it('sends the plan as the API reads it: bake times but on the last step, empty gates left out', async () => {
    const submit = jest.fn((_body: Record<string, unknown>) => Promise.resolve({}));
    renderEditor(submit);
    type('HTTP check', ' http://checks.example/health ');
    await confirm();
    await waitFor(() => expect(submit).toHaveBeenCalled());
    expect(submit).toHaveBeenCalledWith({
      steps: [{ percentage: 1, bakeTime: '10m' }, { percentage: 10, bakeTime: '30m' }, { percentage: 100 }],
      gates: {
        maxRejectedInstances: 0,
        silentAfter: '10m',
        checkUrl: 'http://checks.example/health',
        checkTimeout: '5s',
      },
      onFailure: 'rollback',
    });
  });

  it('adds a step before the last and removes one, keeping the last at 100 %', async () => {
    const submit = jest.fn((_body: Record<string, unknown>) => Promise.resolve({}));
    renderEditor(submit);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Add step' }));
    expect(within(dialog()).getAllByTestId('rollout-step')).toHaveLength(4);
    type('Share of instances at step 3', '50');
    type('Bake time of step 3', '1h');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Remove step 1' }));
    await confirm();
    await waitFor(() => expect(submit).toHaveBeenCalled());
    expect(submit.mock.calls[0]![0]).toMatchObject({
      steps: [{ percentage: 10, bakeTime: '30m' }, { percentage: 50, bakeTime: '1h' }, { percentage: 100 }],
    });
  });

  it('refuses falling shares, a last step below 100, a bad bake time and a bad check URL, next to each', async () => {
    const submit = jest.fn((_body: Record<string, unknown>) => Promise.resolve({}));
    renderEditor(submit);
    type('Share of instances at step 2', '1');
    type('Share of instances at step 3', '90');
    type('Bake time of step 1', '10 minutes');
    type('HTTP check', 'ftp://checks.example/');
    await confirm();
    await waitFor(() =>
      expect(errorUnder('Share of instances at step 2')).toBe('Must be above the previous step’s 1 %'),
    );
    expect(errorUnder('Share of instances at step 3')).toBe(
      'The last step is 100 %: a rollout ends with everyone',
    );
    expect(errorUnder('Bake time of step 1')).toBe('A duration such as 30s, 10m, 1h or 1d');
    expect(errorUnder('HTTP check')).toBe('An absolute http or https URL');
    expect(errorUnder('Share of instances at step 1')).toBeUndefined();
    expect(submit).not.toHaveBeenCalled();
  });

  it("puts the server's refusal of a step or a gate next to that field, keeping what was typed", async () => {
    const submit = jest
      .fn()
      .mockRejectedValueOnce(
        new ApiError(400, 'VALIDATION_FAILED', 'steps[1].bakeTime must be between 60000 ms and 7 days', {
          field: 'steps[1].bakeTime',
        }),
      )
      .mockRejectedValueOnce(
        new ApiError(400, 'VALIDATION_FAILED', 'gates.checkUrl must not carry credentials', {
          field: 'gates.checkUrl',
        }),
      );
    renderEditor(submit);
    type('Bake time of step 2', '5s');
    await confirm();
    await waitFor(() => expect(errorUnder('Bake time of step 2')).toContain('must be between 60000 ms'));
    expect(field('Bake time of step 2').value).toBe('5s');
    expect(within(dialog()).queryByRole('alert')).toBeNull();
    type('Bake time of step 2', '5m');
    await confirm();
    await waitFor(() => expect(errorUnder('HTTP check')).toContain('must not carry credentials'));
    expect(submit).toHaveBeenCalledTimes(2);
  });
});
