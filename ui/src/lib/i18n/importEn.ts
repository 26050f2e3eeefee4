// Why a value of an imported vCard is not imported (`SkipReason`, see skipText.ts); an invalid
// value is worded as its refusal (refused.*).
export const importEn = {
  'import.skip.photo': 'Photos and logos are not kept in your profile.',
  'import.skip.key': 'Keys are not kept in your profile.',
  'import.skip.spoken_name': 'Your profile has no field for how a name is spoken.',
  'import.skip.messenger': 'Your profile has no field for chat and messenger addresses.',
  'import.skip.anniversary': 'Your profile has no field for anniversaries and other dates.',
  'import.skip.other_people': 'Your profile has no field for other people (partner, children, manager, …).',
  'import.skip.location': 'Your profile has no field for a location or time zone.',
  'import.skip.former_name': 'Your profile has no field for a former name.',
  'import.skip.social_profile': 'Your profile has no field for social network profiles.',
  'import.skip.no_field': 'Tresor has no field for {property}.',
  'import.skip.android_entry': 'Tresor has no field for Android’s “{item}” entries.',
  'import.skip.charset': 'Tresor cannot read the charset {charset} (only UTF-8, ISO-8859-1, ISO-8859-15 and Windows-1252).',
  'import.skip.binary': 'Binary (base64) data is not kept in your profile.',
} as const;
