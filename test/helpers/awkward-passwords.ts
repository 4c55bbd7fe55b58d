/**
 * Passwords that break naive url handling, each ending in a marker (`Zx9q`) that must never
 * appear in an error message or a log line once the url was redacted.
 * @module
 */
export const PASSWORD_MARKER = 'Zx9q';

export const AWKWARD_PASSWORDS: readonly { readonly label: string; readonly password: string }[] = [
  { label: "'@'", password: `p@ss${PASSWORD_MARKER}` },
  { label: "'/'", password: `pa/ss${PASSWORD_MARKER}` },
  { label: "':'", password: `pa:ss${PASSWORD_MARKER}` },
  { label: "'#'", password: `pa#ss${PASSWORD_MARKER}` },
  { label: "'?'", password: `pa?ss${PASSWORD_MARKER}` },
  { label: "'%'", password: `pa%ss${PASSWORD_MARKER}` },
  { label: 'unicode', password: `pässwörd✓${PASSWORD_MARKER}` },
];

/** True when `text` holds no trace of the password (raw, encoded or its marker). */
export function isFreeOfPassword(text: string, password: string): boolean {
  if (text.includes(PASSWORD_MARKER)) return false;
  return (
    password === '' || (!text.includes(password) && !text.includes(encodeURIComponent(password)))
  );
}
