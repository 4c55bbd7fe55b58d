/**
 * `redactUrl`: a connection url as it may appear in an error message or a log line — never
 * with its password.
 * @module
 */

const REDACTED = '***';

/** `scheme://` at the start of a url (`postgres://`, `postgresql://`, `sqlite://`, …). */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The url with every password removed: the one in the user-info part (`user:***@host`) and a
 * libpq-style `password=` query parameter.
 *
 * The user info ends at the LAST `@` after the scheme, not where a url parser would end it: a
 * password that was not percent-encoded may hold `@`, `/`, `:`, `#` or `?`, and `new URL`
 * then reads part of it as the host, port, path or fragment (`postgres://u:pa/ss@h/db` parses
 * as host `u`, port `pa`). Host names cannot contain `@`, so everything before the last one is
 * credentials. When the user name itself is ambiguous (it holds `/`, `?` or `#`), the whole
 * user info is replaced. Over-redaction (a `@` in a query value) is accepted: a readable host
 * matters less than a leaked password.
 */
export function redactUrl(url: string): string {
  const scheme = SCHEME.exec(url)?.[0];
  if (scheme === undefined) {
    // Not a url we can take apart (`sqlite:./app.db`, a keyword/value string, garbage): shown
    // only when nothing in it can be a password.
    return /password|@/i.test(url) ? REDACTED : url;
  }
  const rest = url.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  let shown = url;
  if (at >= 0) {
    const userInfo = rest.slice(0, at);
    const colon = userInfo.indexOf(':');
    const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
    const isPlainUser = !/[/?#]/.test(user);
    const shownUserInfo = !isPlainUser ? REDACTED : colon < 0 ? user : `${user}:${REDACTED}`;
    shown = `${scheme}${shownUserInfo}@${rest.slice(at + 1)}`;
  }
  return shown.replace(/([?&]password=)[^&#]*/gi, `$1${REDACTED}`);
}

/**
 * `text` (a driver's or fetch's error message about `url`) with the url's password removed
 * wherever it appears: as written, percent-decoded or percent-encoded.
 */
export function redactSecrets(text: string, url: string): string {
  const scheme = SCHEME.exec(url)?.[0];
  if (scheme === undefined) return text;
  const rest = url.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return text;
  const password = rest.slice(colon + 1, at);
  if (password === '') return text;
  const forms = new Set([password, encodeURIComponent(password)]);
  try {
    forms.add(decodeURIComponent(password));
  } catch {
    // not valid percent-encoding: the raw form is covered
  }
  let shown = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length))
    if (form !== '') shown = shown.split(form).join(REDACTED);
  return shown;
}
