// German UI text of data packages: the same keys as packageEn.ts (the type makes sure of it).
import type { packageEn } from './packageEn';

export const packageDe: Record<keyof typeof packageEn, string> = {
  'package.title': 'Daten an ein Unternehmen geben',
  'package.intro':
    'Ein Datenpaket gibt einem Unternehmen nur die Felder, die es braucht – sparsam, für die Zwecke, die du wählst, und bis zu einem Datum, das du bestimmst. Es ist signiert und hält in deinem Verzeichnis eine Einwilligung fest.',
  'package.loading': 'Wird geladen …',
  'package.steps': 'Schritte',
  'package.stepOf': 'Schritt {n} von {total}',
  'package.step.company': 'Unternehmen',
  'package.step.purposes': 'Zwecke',
  'package.step.fields': 'Daten',
  'package.step.terms': 'Bedingungen',
  'package.step.markers': 'Markierungen',
  'package.step.preview': 'Vorschau',
  'package.step.protection': 'Speichern',
  'package.back': 'Zurück',
  'package.next': 'Weiter',
  'package.cancel': 'Abbrechen',

  'package.company': 'Unternehmen',
  'package.companyChoose': 'Unternehmen wählen …',
  'package.companyHelp': 'Das Paket nennt dieses Unternehmen mit seiner Web-Domain als einzigen Empfänger.',
  'package.companyMissing': 'Wähle das Unternehmen.',
  'package.noCompanies': 'In deinem Verzeichnis gibt es noch kein Unternehmen. Füge es zuerst hinzu.',
  'package.addCompany': 'Unternehmen hinzufügen',
  'package.noDomain':
    '{company} hat noch keine Web-Domain. Ein Paket nennt seinen Empfänger über die Domain: Trag sie zuerst auf der Seite des Unternehmens ein.',
  'package.openCompany': '{company} öffnen',
  'package.issuerIntro':
    'Pakete an {company} werden mit einem Schlüssel signiert, den nur dieses Unternehmen sieht (Fingerabdruck {fingerprint}), damit Unternehmen dich darüber nicht verknüpfen können.',

  'package.purposesIntro': 'Wofür darf {company} die Daten verwenden? Kreuze nur an, was du erlaubst.',

  'package.fieldsIntro':
    'Kreuze an, was {company} braucht. Jedes Feld geht sparsam hinaus, wenn du nichts anderes wählst.',
  'package.fieldsEmpty':
    'Dein Profil hat kein Feld, das ein Paket tragen kann. Trag zuerst Name, E-Mail, Telefon, Anschrift, Geburtsdatum oder Sprachen ein.',
  'package.openProfile': 'Profil öffnen',
  'package.fieldsNotCarried.one':
    '{n} Feld deines Profils gehört zu einer Art, die ein Paket nicht tragen kann (etwa Interessen oder Notizen).',
  'package.fieldsNotCarried.other':
    '{n} Felder deines Profils gehören zu Arten, die ein Paket nicht tragen kann (etwa Interessen oder Notizen).',
  'package.fieldsMissing': 'Kreuze mindestens ein Feld an.',
  'package.leavesAs': 'Geht hinaus als',
  'package.theyGet': 'Sie bekommen: {shown}',
  'package.transform.full': 'Unverändert',
  'package.transform.age_over': 'Nur, dass du mindestens ein bestimmtes Alter hast',
  'package.transform.birth_year': 'Nur das Jahr',
  'package.transform.postcode_locality': 'Postleitzahl und Ort',
  'package.transform.locality_country': 'Ort und Land',
  'package.transform.country': 'Nur das Land',
  'package.transform.last_digits': 'Nur die letzten Ziffern',
  'package.transform.sub_address': 'Eine Unteradresse nur für dieses Unternehmen',
  'package.transform.alias': 'Eine Alias-Adresse',
  'package.transform.variant': 'Eine Namensvariante',
  'package.ageYears': 'Alter',
  'package.digits': 'Ziffern',
  'package.alias': 'Alias-Adresse',

  'package.termsIntro': 'Das Paket und die damit erfasste Einwilligung enden zusammen.',
  'package.sharing': '{company} darf die Daten an Dritte weitergeben',
  'package.resale':
    'Weiterverkauf: nie. Jedes Paket verbietet {company}, die Daten zu verkaufen; das lässt sich nicht einschalten.',
  'package.statusListUrl': 'Wo du die Statusliste veröffentlichen wirst (optional)',
  'package.statusListUrlHelp':
    'Eine https://-Adresse. Lass das Feld leer, wenn du {company} die Statusliste bei einem Widerruf selbst schickst.',

  'package.markersIntro':
    'Markierungen sind Angaben, die nur dieses Paket trägt: Taucht eine davon woanders auf, stammt sie von {company}.',
  'package.markerSubAddress':
    'Deine E-Mail geht als Unteradresse hinaus: Post an diese Adresse stammt aus diesem Paket.',
  'package.markerAlias': 'Deine E-Mail geht als dein Alias hinaus: Post an diese Adresse stammt aus diesem Paket.',
  'package.markerEmailFull':
    'Deine E-Mail geht unverändert hinaus und markiert nichts; wähle im Schritt „Daten“ „Eine Unteradresse nur für dieses Unternehmen“, um sie zu markieren.',
  'package.reference': 'Einen Referenzcode an die Straßenzeile anhängen',
  'package.referenceHelp': 'Ein Code wie TR-7Q2K hinter deiner Straße: Briefe mit diesem Code stammen aus diesem Paket.',
  'package.referenceNeedsAddress': 'Nur mit vollständiger Anschrift (wähle dafür im Schritt „Daten“ „Unverändert“).',
  'package.variant': 'Namensvariante für {field}',
  'package.variantHelp':
    'Eine absichtliche Schreibweise, die nur dieses Unternehmen bekommt (etwa Schmidtt für Schmidt): Post an diesen Namen stammt aus diesem Paket. Lass das Feld leer, um den Namen unverändert zu senden.',
  'package.noMarkerFields':
    'Wähle im Schritt „Daten“ eine E-Mail-Adresse, eine Anschrift oder einen Namen, um eine Markierung mitzugeben.',

  'package.previewIntro': 'Genau das verlässt deinen Tresor, signiert.',
  'package.previewing': 'Vorschau wird erstellt …',
  'package.previewFailed': 'So lässt sich das Paket noch nicht erstellen:',
  'package.recipient': 'Empfänger',
  'package.purposes': 'Zwecke',
  'package.validUntil': 'Gültig bis',
  'package.noExpiry': 'Ohne Ablaufdatum',
  'package.sharingTerm': 'Weitergabe an Dritte',
  'package.sharingYes': 'Erlaubt',
  'package.sharingNo': 'Nicht erlaubt',
  'package.resaleTerm': 'Weiterverkauf',
  'package.resaleNever': 'Nie',
  'package.issuer': 'Signiert als',
  'package.fingerprint': 'Fingerabdruck',
  'package.shared': 'Was deinen Tresor verlässt',
  'package.markers': 'Markierungen',
  'package.markersNone': 'Keine',
  'package.warnings': 'Bevor du es sendest',
  'package.json': 'Der signierte Nachweis',
  'package.jsonHelp': 'Genau der Text, der hinausgeht (vor der Verschlüsselung), zum Lesen eingerückt.',
  'marker.sub_address': 'Unteradresse',
  'marker.alias': 'Alias',
  'marker.reference': 'Referenzcode',
  'marker.name_variant': 'Namensvariante',

  'package.protection': 'Wie die Datei geschützt wird',
  'package.encryption.recipient': 'Für den age-Schlüssel von {company} verschlüsseln',
  'package.encryption.recipientHelp': 'Nur {company} kann sie öffnen, mit dem eigenen Schlüssel.',
  'package.encryption.passphrase': 'Mit einer Passphrase verschlüsseln',
  'package.encryption.passphraseHelp':
    'Teile {company} die Passphrase auf anderem Weg mit (am Telefon, persönlich), nie in derselben Nachricht wie die Datei.',
  'package.encryption.none': 'Nicht verschlüsseln',
  'package.encryption.noneWarning':
    'Wer diese Datei bekommt, kann deine Daten lesen. Die Signatur zeigt nur, ob sie verändert wurde.',
  'package.passphrase': 'Passphrase für dieses Paket',
  'package.passphraseMissing': 'Gib die Passphrase ein.',
  'package.fileName': 'Vorgeschlagener Dateiname: {name}',
  'package.save': 'Paket speichern …',
  'package.saving': 'Wird gespeichert …',
  'package.cancelled': 'Nicht gespeichert: Es wurde nichts festgehalten.',

  'package.doneTitle': 'Paket gespeichert',
  'package.savedTo': 'Gespeichert unter {path}',
  'package.nextSteps': 'Wie es weitergeht',
  'package.nextSend': 'Schick die Datei an {company}, per E-Mail oder über deren Upload-Formular.',
  'package.nextPassphrase': 'Teile ihnen die Passphrase auf anderem Weg mit.',
  'package.nextVerify':
    '{company} prüft Signatur, Ablauf und Widerruf mit diesem Befehl (oder mit jedem Prüfprogramm für W3C Verifiable Credentials):',
  'package.nextRevoke':
    'Du kannst es jederzeit auf der Seite von {company} widerrufen; damit widerrufst du auch die damit erfasste Einwilligung.',
  'package.toCompany': '{company} öffnen',

  'packages.title': 'Datenpakete',
  'packages.empty': 'Du hast {company} noch kein Datenpaket gegeben.',
  'packages.give': 'Daten an dieses Unternehmen geben',
  'packages.issuer': 'Aussteller, den dieses Unternehmen sieht',
  'packages.fingerprint': 'Fingerabdruck',
  'packages.statusList': 'Statusliste',
  'packages.saveStatusList': 'Statusliste speichern …',
  'packages.statusListSaved': 'Statusliste gespeichert unter {path}',
  'packages.made': 'Erstellt am {date}',
  'packages.until': 'bis {date}',
  'packages.noExpiry': 'ohne Ablaufdatum',
  'packages.shared': 'Was hinausging',
  'packages.markers': 'Markierungen',
  'packages.file': 'Datei',
  'packages.revokedOn': 'Widerrufen am',
  'packages.reason': 'Grund',
  'packages.revoke': 'Widerrufen …',
  'packages.revokeLabel': 'Das Paket vom {date} widerrufen',
  'packages.saveNotice': 'Widerrufserklärung speichern …',
  'packages.noticeSaved': 'Widerrufserklärung gespeichert unter {path}',
  'packageStatus.active': 'Aktiv',
  'packageStatus.expired': 'Abgelaufen',
  'packageStatus.revoked': 'Widerrufen',
  'encryption.recipient': 'für ihren Schlüssel verschlüsselt',
  'encryption.passphrase': 'mit einer Passphrase verschlüsselt',
  'encryption.none': 'unverschlüsselt',

  'revoke.title': 'Dieses Datenpaket widerrufen?',
  'revoke.what': 'Paket an {company} vom {date}: {purposes}.',
  'revoke.consent': 'Die Einwilligung, unter der es gegeben wurde, wird in deinem Verzeichnis widerrufen.',
  'revoke.statusBit':
    'Sein Bit wird in der Statusliste von {company} gesetzt, und Tresor signiert eine neue Statusliste und eine Widerrufserklärung.',
  'revoke.copies':
    'Ein Widerruf kann keine Kopie löschen, die {company} schon hat. Er widerruft deine Einwilligung und verpflichtet das Unternehmen nach den Bedingungen des Pakets, die Daten nicht mehr zu nutzen und zu löschen.',
  'revoke.send':
    'Schick ihnen die neue Statusliste (oder veröffentliche sie unter ihrer Adresse) und die Erklärung: Wer das Paket dann prüft, sieht, dass es widerrufen ist.',
  'revoke.reason': 'Grund (optional)',
  'revoke.reasonHelp': 'Steht im Verlauf und in der signierten Erklärung.',
  'revoke.confirm': 'Paket widerrufen',
  'revoke.busy': 'Wird widerrufen …',
  'revoke.cancel': 'Abbrechen',
  'revoke.done':
    'Paket widerrufen und seine Einwilligung zurückgezogen. Schick {company} jetzt die neue Statusliste und die Widerrufserklärung.',
  'revoke.alsoRevoked.one': 'Ebenfalls widerrufen: {n} weiteres Paket unter derselben Einwilligung.',
  'revoke.alsoRevoked.other': 'Ebenfalls widerrufen: {n} weitere Pakete unter derselben Einwilligung.',
  'revoke.publish': 'Die Statusliste liegt unter {url}: Veröffentliche die neue dort.',

  'dashboard.packages': 'Datenpakete',
  'dashboard.packagesEmpty':
    'Noch kein Datenpaket. Ein Paket gibt einem Unternehmen nur die Felder, die es braucht – sparsam, signiert und rückverfolgbar.',
  'dashboard.giveData': 'Daten an ein Unternehmen geben',
  'dashboard.packagesActive': 'aktiv',
  'dashboard.packagesRevoked': 'widerrufen',
  'dashboard.packagesExpired': 'abgelaufen',

  'event.packageCreated': 'Datenpaket an {company} gegeben',
  'event.packageRevoked': 'Datenpaket an {company} widerrufen',
  'event.packageRevokedReason': 'Datenpaket an {company} widerrufen: {reason}',
  'event.traceRecorded': 'Datenleck auf das Datenpaket an {company} zurückgeführt',
  'event.traceRecordedSender': 'Datenleck auf das Datenpaket an {company} zurückgeführt (Mail von {sender})',
  'event.requestCreated': 'Anfrage an {company} verfasst ({kind})',
  'event.requestChanged': 'Anfrage an {company} ({kind}): {status}',
  'event.requestStatus.sent': 'gesendet',
  'event.requestStatus.extended': 'Frist verlängert',
  'event.requestStatus.answered': 'beantwortet',
  'event.requestStatus.closed': 'abgeschlossen',
};
