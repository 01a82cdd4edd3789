import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { PROJECT_ROOT } from '../../subgraphs/kit/runtime/env';

/** Where `npm run build:web` (vite build) writes the console (gitignored). */
export const CONSOLE_DIST = join(PROJECT_ROOT, 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The console's policy: its own scripts and styles only (no inline script, no eval), its API calls to this origin
 * and, with OIDC, to the provider's token endpoint (PKCE code exchange from the browser).
 */
export function consoleCsp(connectExtra: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${connectExtra.map((o) => ` ${o}`).join('')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** What the console reads at start (`/app/config.json`): how to sign in. */
export interface ConsoleConfig {
  graphqlEndpoint: string;
  /** Development only: label → bearer token of each demo caller (the explorer's), kept in the page's memory. */
  devCallers?: Record<string, string>;
  /** OIDC_ISSUER configured: authorization code with PKCE at this provider, as this public client. */
  oidc?: { issuer: string; clientId: string; scope: string };
}

export interface ConsoleOptions {
  path?: string;
  dist?: string;
  graphqlEndpoint: string;
  /** Development with the generated key pair: the demo callers' tokens (gateway.ts demoTokens). */
  devCallers?: () => Promise<Record<string, string>>;
  oidc?: { issuer: string; clientId: string; scope?: string };
}

/**
 * The partner console (web/, built by Vite into web/dist) at /app: its static files, `index.html` for any other path
 * under /app (the application routes itself), and /app/config.json. 404 until web/dist is built.
 */
export function useConsole(opts: ConsoleOptions): GatewayPlugin {
  const base = opts.path ?? '/app';
  const dist = opts.dist ?? CONSOLE_DIST;
  const connect = opts.oidc ? [new URL(opts.oidc.issuer).origin] : [];
  const headers = (type: string, cache: string) => ({
    'content-type': type,
    'cache-control': cache,
    'content-security-policy': consoleCsp(connect),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return;
      const rest = decodeURIComponent(url.pathname.slice(base.length)).replace(/^\/+/, '');
      if (rest === 'config.json') {
        const config: ConsoleConfig = {
          graphqlEndpoint: opts.graphqlEndpoint,
          ...(opts.devCallers ? { devCallers: await opts.devCallers() } : {}),
          ...(opts.oidc
            ? { oidc: { issuer: opts.oidc.issuer, clientId: opts.oidc.clientId, scope: opts.oidc.scope ?? 'openid' } }
            : {}),
        };
        endResponse(new fetchAPI.Response(JSON.stringify(config), { headers: headers(TYPES['.json'], 'no-store') }));
        return;
      }
      const index = join(dist, 'index.html');
      if (!existsSync(index)) {
        endResponse(
          new fetchAPI.Response('Console not built: run `npm run build:web`.', {
            status: 404,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
        return;
      }
      const file = normalize(join(dist, rest));
      const inside = file.startsWith(dist + sep);
      if (inside && existsSync(file) && statSync(file).isFile()) {
        const hashed = rest.startsWith('assets/');
        endResponse(
          new fetchAPI.Response(readFileSync(file), {
            headers: headers(
              TYPES[extname(file)] ?? 'application/octet-stream',
              hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
            ),
          }),
        );
        return;
      }
      if (!inside && rest !== '') {
        endResponse(new fetchAPI.Response('not found', { status: 404 }));
        return;
      }
      // A missing asset is a 404; any other path is one of the application's pages.
      if (rest.startsWith('assets/') || extname(rest)) {
        endResponse(new fetchAPI.Response('not found', { status: 404 }));
        return;
      }
      endResponse(new fetchAPI.Response(readFileSync(index), { headers: headers(TYPES['.html'], 'no-cache') }));
    },
  };
}
