import { describe, expect, it } from 'vitest';

import { asNewCompany, cleanCompany } from './ledger.svelte';
import { company } from '../test/ledger';

describe('editing a company', () => {
  it('keeps what the form does not show: the directory fields and where the record came from', () => {
    const filled = company('c1', 'SCHUFA Holding AG', {
      webForm: 'https://www.meineschufa.de/',
      requestLanguage: 'de',
      needsIdDocument: true,
      directorySlug: 'schufa',
    });
    const sent = cleanCompany({ ...asNewCompany(filled), notes: ' changed ' });
    expect(sent).toMatchObject({
      notes: 'changed',
      webForm: 'https://www.meineschufa.de/',
      requestLanguage: 'de',
      needsIdDocument: true,
      directorySlug: 'schufa',
    });
  });
});
