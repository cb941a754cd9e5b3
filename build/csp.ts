import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built renderer. No 'unsafe-eval', no inline scripts.
 * Kept out of dev builds, where Vite's hot reload needs an inline preamble.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Inline styles only (dialogs' scroll lock injects a <style>); scripts stay 'self' only.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // The team sync server, whatever its address: TLS only, but for a server on this computer.
  "connect-src 'self' https: wss: http://localhost:* ws://localhost:* http://127.0.0.1:* ws://127.0.0.1:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** Adds the CSP as a meta tag to index.html in production builds. */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'desk-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
