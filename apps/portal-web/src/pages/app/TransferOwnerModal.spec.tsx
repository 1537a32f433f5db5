import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/client';
import { renderWithProviders } from '../../testing/render-with-providers';
import { provideMessageChannel } from '../../testing/message-channel';
import { TransferOwnerModal } from './TransferOwnerModal';

const api = jest.fn();
jest.mock('../../api/client', () => ({
  ...jest.requireActual('../../api/client'),
  api: (...args: unknown[]) => api(...args),
}));

provideMessageChannel();

async function transferTo(name: string) {
  fireEvent.change(screen.getByLabelText('New owner (a portal user name)'), { target: { value: name } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
  });
}

describe('TransferOwnerModal', () => {
  beforeEach(() => api.mockReset());

  it('hands the app to another user and says where, naming environments that did not answer', async () => {
    api.mockResolvedValue({ appId: 'shop', ownerName: 'bob', environments: ['DEV'], unreachable: ['PRO'] });
    const onClose = jest.fn();
    renderWithProviders(<TransferOwnerModal appId="shop" owner="alice" open onClose={onClose} />);
    expect(screen.getByText(/The owner now is alice\./)).toBeTruthy();
    await transferTo(' bob ');
    await waitFor(() =>
      expect(api).toHaveBeenCalledWith('/api/apps/shop/owner', { method: 'PUT', body: { ownerName: 'bob' } }),
    );
    expect(
      await screen.findByText(
        'bob now owns the app in DEV. Not reached, the owner there is unchanged: PRO. Transfer again once they answer.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('keeps the dialog open with the refusal in words', async () => {
    api.mockRejectedValue(new ApiError(400, 'BAD_REQUEST', 'nobody is not an enabled portal user'));
    const onClose = jest.fn();
    renderWithProviders(<TransferOwnerModal appId="shop" owner="alice" open onClose={onClose} />);
    await transferTo('nobody');
    expect(await screen.findByText(/nobody is not an enabled portal user/)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});
