import type { importEn } from './importEn';

export const importDe: Record<keyof typeof importEn, string> = {
  'import.skip.photo': 'Fotos und Logos werden nicht in deinem Profil gespeichert.',
  'import.skip.key': 'Schlüssel werden nicht in deinem Profil gespeichert.',
  'import.skip.spoken_name': 'Dein Profil hat kein Feld dafür, wie ein Name ausgesprochen wird.',
  'import.skip.messenger': 'Dein Profil hat kein Feld für Chat- und Messenger-Adressen.',
  'import.skip.anniversary': 'Dein Profil hat kein Feld für Jahrestage und andere Datumsangaben.',
  'import.skip.other_people': 'Dein Profil hat kein Feld für andere Personen (Partner, Kinder, Vorgesetzte, …).',
  'import.skip.location': 'Dein Profil hat kein Feld für einen Standort oder eine Zeitzone.',
  'import.skip.former_name': 'Dein Profil hat kein Feld für einen früheren Namen.',
  'import.skip.social_profile': 'Dein Profil hat kein Feld für Profile in sozialen Netzwerken.',
  'import.skip.no_field': 'Tresor hat kein Feld für {property}.',
  'import.skip.android_entry': 'Tresor hat kein Feld für Android-Einträge der Art „{item}“.',
  'import.skip.charset': 'Den Zeichensatz {charset} kann Tresor nicht lesen (nur UTF-8, ISO-8859-1, ISO-8859-15 und Windows-1252).',
  'import.skip.binary': 'Binärdaten (Base64) werden nicht in deinem Profil gespeichert.',
};
