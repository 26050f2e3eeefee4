// English UI text of the everyday helpers: the first-run guide, the demo vault, search,
// keyboard shortcuts and undo; part of en.ts. German (everydayDe.ts) must have the same keys.
export const everydayEn = {
  'welcome.label': 'Welcome to Tresor',
  'welcome.stepOf': 'Step {n} of {total}',
  'welcome.step1.title': 'Your data, on your computer',
  'welcome.step1.text':
    'Tresor keeps your names, addresses, e-mail addresses and phone numbers in one vault. It stays on this computer, encrypted with a passphrase only you know. Tresor never connects to the internet.',
  'welcome.step2.title': 'Who has what',
  'welcome.step2.text':
    'The consent ledger records what you allowed which company to do with your data, and until when. You see what expires, and you take a consent back in one step.',
  'welcome.step3.title': 'Give out only what is needed',
  'welcome.step3.text':
    'A data package gives one company just the fields it needs. Hidden markers tell you who passed your address on, and Tresor writes the GDPR letters to ask, correct or erase.',
  'welcome.back': 'Back',
  'welcome.next': 'Next',
  'welcome.skip': 'Skip introduction',
  'welcome.create': 'Create my vault',
  'welcome.demo': 'Explore with sample data',
  'welcome.demoHint': 'Opens a separate demo vault with made-up data. Your own vault is not touched.',
  'create.backToIntro': 'Back to the introduction',
};
