import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { resetLanguage, setLanguage } from '../i18n.svelte';
import { NO_VAULT, callsOf, fakeBackend, openVault, status, strengthOf, unlockedVaultHandlers } from '../../test/backend';

function noVault() {
  return fakeBackend({ vault_status: () => NO_VAULT, passphrase_strength: strengthOf });
}

const stepText = () => document.querySelector('#welcome-step')?.textContent?.trim();

describe('the first-run guide', () => {
  afterEach(() => resetLanguage());

  it('explains three steps with Next and Back, announces the step and ends on the create form', async () => {
    noVault();
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 2, name: 'Your data, on your computer' })).toBeTruthy();
    expect(stepText()).toBe('Step 1 of 3');
    expect(document.querySelector('#welcome-step')?.getAttribute('aria-live')).toBe('polite');
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    const second = screen.getByRole('heading', { level: 2, name: 'Who has what' });
    expect(stepText()).toBe('Step 2 of 3');
    expect(document.activeElement).toBe(second);

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(stepText()).toBe('Step 1 of 3');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Give out only what is needed' })).toBeTruthy();
    expect(stepText()).toBe('Step 3 of 3');
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Create my vault' }));
    expect(await screen.findByRole('heading', { name: 'Create your vault' })).toBeTruthy();
    expect(screen.getByLabelText('Passphrase')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Back to the introduction' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Your data, on your computer' })).toBeTruthy();
  });

  it('can be skipped, and works with the keyboard alone', async () => {
    noVault();
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 2, name: 'Your data, on your computer' });
    screen.getByRole('button', { name: 'Next' }).focus();
    await user.keyboard('{Enter}');
    expect(stepText()).toBe('Step 2 of 3');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(screen.getByRole('button', { name: 'Skip introduction' }));
    expect(await screen.findByLabelText('Passphrase')).toBeTruthy();
  });

  it('speaks German with "du"', async () => {
    setLanguage('de');
    noVault();
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { level: 2, name: 'Deine Daten, auf deinem Computer' })).toBeTruthy();
    expect(stepText()).toBe('Schritt 1 von 3');
    await user.click(screen.getByRole('button', { name: 'Weiter' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Wer hat was' })).toBeTruthy();
    await waitFor(() => expect(stepText()).toBe('Schritt 2 von 3'));
  });

  it('opens the demo vault with a banner, and removing it returns to the guide', async () => {
    const demo = status({ path: '/home/ana/.local/share/tresor-demo', unlocked: true, demo: true });
    const calls = fakeBackend({
      ...unlockedVaultHandlers(),
      vault_status: () => NO_VAULT,
      demo_open: () => demo,
      demo_remove: () => NO_VAULT,
    });
    const user = userEvent.setup();
    render(App);
    const explore = await screen.findByRole('button', { name: 'Explore with sample data' });
    expect(document.body.textContent).toContain('Your own vault is not touched.');
    await user.click(explore);
    await screen.findByRole('heading', { name: 'Who has your data' });
    const banner = screen.getByRole('region', { name: 'Demo vault — sample data' });
    expect(banner.textContent).toContain('Nothing here is real.');
    // The sample data comes in the UI's language.
    expect(callsOf(calls, 'demo_open')).toEqual([{ lang: 'en' }]);

    await user.click(screen.getByRole('button', { name: 'Remove demo vault' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Your data, on your computer' })).toBeTruthy();
    expect(callsOf(calls, 'demo_remove')).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Demo vault — sample data' })).toBeNull();
  });

  it('locking the demo leaves it: the app asks the shell where that leaves it', async () => {
    let demoOpen = false;
    fakeBackend({
      ...unlockedVaultHandlers(),
      vault_status: () => (demoOpen ? status({ unlocked: true, demo: true }) : NO_VAULT),
      demo_open: () => {
        demoOpen = true;
        return status({ unlocked: true, demo: true });
      },
      lock: () => {
        demoOpen = false;
        return null;
      },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Explore with sample data' }));
    await screen.findByRole('heading', { name: 'Who has your data' });
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Your data, on your computer' })).toBeTruthy();
  });

  it('the vault page opens the demo too; removing it returns to the locked vault', async () => {
    const calls = fakeBackend({
      ...unlockedVaultHandlers(),
      vault_status: () => status({ unlocked: true }),
      demo_open: () => status({ path: '/home/ana/.local/share/tresor-demo', unlocked: true, demo: true }),
      demo_remove: () => status({ unlocked: false }),
    });
    const user = userEvent.setup();
    render(App);
    await openVault();
    await user.click(screen.getByRole('button', { name: 'Explore with sample data' }));
    await screen.findByRole('region', { name: 'Demo vault — sample data' });
    expect(callsOf(calls, 'demo_open')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Remove demo vault' }));
    expect(await screen.findByLabelText('Passphrase')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Demo vault — sample data' })).toBeNull();
  });
});
