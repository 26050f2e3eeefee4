import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { SearchHit } from '../api';
import { resetLanguage } from '../i18n.svelte';
import { callsOf, fail, fakeBackend, status, unlockedVaultHandlers } from '../../test/backend';

const base = { companyId: null, detail: '', fieldKind: null, purposes: [], consentStatus: null, letterKind: null };
const HITS: SearchHit[] = [
  { ...base, group: 'profile', id: 'f1', title: 'Müller', fieldKind: 'family_name' },
  { ...base, group: 'company', id: 'c1', companyId: 'c1', title: 'Müller Drogerie', detail: 'mueller.example' },
  {
    ...base,
    group: 'consent',
    id: 'k1',
    companyId: 'c1',
    title: 'Müller Drogerie',
    purposes: ['DirectMarketing'],
    consentStatus: 'given',
  },
];

function vault() {
  return fakeBackend({
    ...unlockedVaultHandlers(),
    vault_status: () => status({ unlocked: true }),
    search: ({ query }) =>
      String(query).trim().toLowerCase().startsWith('m') ? { hits: HITS, total: 3 } : { hits: [], total: 0 },
    company_view: () => {
      throw fail('NotFound', 'not in this test');
    },
    profile_list: () => [],
    profile_kinds: () => [],
  });
}

async function dashboard() {
  render(App);
  await screen.findByRole('heading', { name: 'Who has your data' });
}

describe('search (Ctrl+K)', () => {
  afterEach(() => resetLanguage());

  it('opens with Ctrl+K, shows grouped hits, and Enter opens the chosen one', async () => {
    const calls = vault();
    const user = userEvent.setup();
    await dashboard();
    await user.keyboard('{Control>}k{/Control}');
    const input = await screen.findByRole('combobox');
    expect(document.activeElement).toBe(input);
    await user.type(input, 'muller');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(callsOf(calls, 'search').at(-1)).toEqual({ query: 'muller' });
    expect(screen.getByRole('group', { name: 'Profile' }).textContent).toContain('Family name');
    expect(screen.getByRole('group', { name: 'Companies' }).textContent).toContain('mueller.example');
    const consent = screen.getByRole('group', { name: 'Consents' }).textContent;
    expect(consent).toContain('Active');
    expect(consent).toContain('Direct marketing');

    const options = screen.getAllByRole('option');
    expect(options[0].getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(options[1].getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1].id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(options[2].getAttribute('aria-selected')).toBe('true'); // wrapped around to the last hit
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(callsOf(calls, 'company_view')).toEqual([{ id: 'c1' }]));
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('opens from the header button, says when nothing matched, lists the shortcuts and closes with Esc', async () => {
    vault();
    const user = userEvent.setup();
    await dashboard();
    const button = screen.getByRole('button', { name: 'Search' });
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Control+K');
    expect(button.title).toBe('Search your vault (Ctrl+K)');
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Search' });
    expect(dialog.textContent).toContain('Ctrl+N');
    expect(dialog.textContent).toContain('Record a consent');
    expect(dialog.textContent).toContain('Ctrl+L');
    await user.type(screen.getByRole('combobox'), 'xyz');
    await waitFor(() => expect(document.querySelector('#search-status')?.textContent).toContain('Nothing found for “xyz”.'));
    // Ctrl+N while typing in the search field starts no consent form.
    await user.keyboard('{Control>}n{/Control}');
    expect(screen.getByRole('dialog', { name: 'Search' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull();
  });

  it('Enter on a profile hit opens the profile', async () => {
    vault();
    const user = userEvent.setup();
    await dashboard();
    await user.keyboard('{Control>}k{/Control}');
    await user.type(await screen.findByRole('combobox'), 'm');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your profile' })).toBeTruthy();
  });
});
