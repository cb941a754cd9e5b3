/** Outcome of checking a link before it is handed to the operating system's browser. */
export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const MAX_URL_LENGTH = 2048;

/**
 * Accepts only absolute http(s) links without embedded credentials; anything else (javascript:,
 * file:, app:, data:, custom schemes, control characters) is refused with the reason.
 */
export function checkExternalUrl(input: unknown): ExternalUrlCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'the link is not text' };
  if (input.length === 0) return { ok: false, reason: 'the link is empty' };
  if (input.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `the link is longer than ${MAX_URL_LENGTH} characters` };
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\s]/.test(input)) {
    return { ok: false, reason: 'the link contains spaces or control characters' };
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'the link is not a valid absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `links with the scheme "${url.protocol}" are not opened` };
  }
  if (url.hostname === '') return { ok: false, reason: 'the link has no host' };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'links with a user name or password in them are not opened' };
  }
  return { ok: true, url: url.href };
}
