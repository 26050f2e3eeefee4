// German UI text of the everyday helpers (the same keys as everydayEn.ts); part of de.ts.
import type { everydayEn } from './everydayEn';

export const everydayDe: Record<keyof typeof everydayEn, string> = {
  'welcome.label': 'Willkommen bei Tresor',
  'welcome.stepOf': 'Schritt {n} von {total}',
  'welcome.step1.title': 'Deine Daten, auf deinem Computer',
  'welcome.step1.text':
    'Tresor bewahrt deine Namen, Adressen, E-Mail-Adressen und Telefonnummern in einem Tresor auf. Er bleibt auf diesem Computer, verschlüsselt mit einer Passphrase, die nur du kennst. Tresor verbindet sich nie mit dem Internet.',
  'welcome.step2.title': 'Wer hat was',
  'welcome.step2.text':
    'Das Einwilligungsverzeichnis hält fest, was du welchem Unternehmen mit deinen Daten erlaubt hast und bis wann. Du siehst, was abläuft, und widerrufst eine Einwilligung mit einem Schritt.',
  'welcome.step3.title': 'Nur herausgeben, was nötig ist',
  'welcome.step3.text':
    'Ein Datenpaket gibt einem Unternehmen nur die Felder, die es braucht. Versteckte Markierungen zeigen dir, wer deine Adresse weitergegeben hat, und Tresor schreibt die DSGVO-Briefe für Auskunft, Berichtigung oder Löschung.',
  'welcome.back': 'Zurück',
  'welcome.next': 'Weiter',
  'welcome.skip': 'Einführung überspringen',
  'welcome.create': 'Meinen Tresor anlegen',
  'welcome.demo': 'Mit Beispieldaten ausprobieren',
  'welcome.demoHint': 'Öffnet einen eigenen Demo-Tresor mit erfundenen Daten. Dein eigener Tresor bleibt unberührt.',
  'create.backToIntro': 'Zurück zur Einführung',
};
