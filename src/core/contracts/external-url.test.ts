import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from './external-url';
import { ExternalUrlSchema } from './desk-api';

const hostile: Array<[label: string, input: unknown, reason: RegExp]> = [
  ['javascript: URL', 'javascript:alert(1)', /scheme "javascript:"/],
  ['javascript: with mixed case', 'JaVaScRiPt:alert(1)', /scheme "javascript:"/],
  ['javascript: hidden behind a tab', 'java\tscript:alert(1)', /control characters/],
  ['javascript: behind a leading space', ' javascript:alert(1)', /spaces or control/],
  ['file: URL', 'file:///etc/passwd', /scheme "file:"/],
  ['file: on Windows', 'file://C:/Windows/win.ini', /scheme "file:"/],
  ['app: URL escaping upwards', 'app://../', /scheme "app:"/],
  ['app: URL with dot segments', 'app://desk/../../x', /scheme "app:"/],
  ['data: URL', 'data:text/html,<script>alert(1)</script>', /scheme "data:"/],
  ['vbscript: URL', 'vbscript:msgbox(1)', /scheme "vbscript:"/],
  ['ms-msdt: (Follina)', 'ms-msdt:/id PCWDiagnostic /skip force', /spaces or control/],
  ['ms-msdt: without spaces', 'ms-msdt:/id', /scheme "ms-msdt:"/],
  ['search-ms:', 'search-ms:query=x', /scheme "search-ms:"/],
  ['smb: share', 'smb://attacker/share', /scheme "smb:"/],
  ['ftp:', 'ftp://example.com/file', /scheme "ftp:"/],
  ['mailto:', 'mailto:someone@example.com', /scheme "mailto:"/],
  ['blob:', 'blob:https://example.com/uuid', /scheme "blob:"/],
  ['about:blank', 'about:blank', /scheme "about:"/],
  ['chrome: internals', 'chrome://settings', /scheme "chrome:"/],
  ['credentials in the URL', 'http://user:pass@host', /user name or password/],
  ['user name only', 'https://user@example.com/', /user name or password/],
  ['look-alike host via userinfo', 'https://example.com@evil.example/', /user name or password/],
  ['NUL byte', 'https://example.com/\u0000', /control characters/],
  ['newline (header injection)', 'https://example.com/\r\nSet-Cookie: x', /control characters/],
  ['DEL character', 'https://example.com/\u007f', /control characters/],
  ['space inside', 'https://example.com/a b', /spaces/],
  ['trailing space', 'https://example.com/ ', /spaces/],
  ['no-break space', 'https://example.com/\u00a0', /spaces/],
  ['Unicode line separator', 'https://example.com/\u2028', /spaces/],
  ['over-long URL', `https://example.com/${'a'.repeat(2048)}`, /longer than 2048/],
  ['empty string', '', /empty/],
  ['relative path', '/tickets/1', /not a valid absolute URL/],
  ['protocol-relative URL', '//evil.example/', /not a valid absolute URL/],
  ['host missing', 'https://', /not a valid absolute URL/],
  ['backslash UNC path', '\\\\attacker\\share', /not a valid absolute URL/],
  ['not text: number', 42, /not text/],
  ['not text: object', { href: 'https://example.com' }, /not text/],
  ['not text: null', null, /not text/],
  ['not text: undefined', undefined, /not text/],
];

describe('checkExternalUrl', () => {
  it.each(hostile)('refuses %s', (_label, input, reason) => {
    const check = checkExternalUrl(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it.each([
    ['https://example.com', 'https://example.com/'],
    ['http://example.com/path?q=1#frag', 'http://example.com/path?q=1#frag'],
    ['HTTPS://Example.COM/Case', 'https://example.com/Case'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
    ['https://docs.example.org/a%20b', 'https://docs.example.org/a%20b'],
    ['http://[::1]:8080/', 'http://[::1]:8080/'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(checkExternalUrl(input)).toEqual({ ok: true, url: normalised });
  });

  it('accepts a URL of exactly the maximum length', () => {
    const url = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    expect(url).toHaveLength(2048);
    expect(checkExternalUrl(url)).toEqual({ ok: true, url });
  });
});

describe('ExternalUrlSchema', () => {
  it('passes the normalised link through', () => {
    expect(ExternalUrlSchema.parse('HTTPS://EXAMPLE.com')).toBe('https://example.com/');
  });

  it('fails with the reason of the check', () => {
    const result = ExternalUrlSchema.safeParse('javascript:alert(1)');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/scheme "javascript:"/);
  });
});
