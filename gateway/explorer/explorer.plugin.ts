import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SampleQuery } from '../sample-queries';

/** Browser assets served from node_modules: the explorer works offline (no CDN). */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/**
 * A file of an installed package, found from its package.json (the packages' `exports` do not list their UMD builds).
 */
const assetPath = (name: string) =>
  join(dirname(require.resolve(`${ASSETS[name].pkg}/package.json`)), ASSETS[name].file);

export interface ExplorerOptions {
  path?: string;
  graphqlEndpoint: string;
  /** Label → bearer token, offered in a selector (development: the demo callers' tokens). */
  tokens: () => Promise<Record<string, string>>;
  samples: Record<string, SampleQuery>;
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * GraphiQL at /explorer, development only (the gateway installs it when NODE_ENV is not production): pick a demo
 * caller (its token goes in the Authorization header of every request) and a journey, run it, read the answer.
 */
export function useExplorer(opts: ExplorerOptions): GatewayPlugin {
  const base = opts.path ?? '/explorer';
  const cache = new Map<string, string>();
  const asset = (name: string) => {
    if (!cache.has(name)) cache.set(name, readFileSync(assetPath(name), 'utf8'));
    return cache.get(name)!;
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || (url.pathname !== base && !url.pathname.startsWith(`${base}/`))) return;
      if (url.pathname.startsWith(`${base}/assets/`)) {
        const name = url.pathname.slice(`${base}/assets/`.length);
        if (!Object.prototype.hasOwnProperty.call(ASSETS, name)) {
          endResponse(new fetchAPI.Response('not found', { status: 404 }));
          return;
        }
        endResponse(
          new fetchAPI.Response(asset(name), {
            headers: { 'content-type': ASSETS[name].type, 'cache-control': 'max-age=3600' },
          }),
        );
        return;
      }
      const tokens = await opts.tokens();
      endResponse(
        new fetchAPI.Response(page(base, opts.graphqlEndpoint, tokens, opts.samples), {
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}

function page(
  base: string,
  endpoint: string,
  tokens: Record<string, string>,
  samples: Record<string, SampleQuery>,
): string {
  const config = {
    endpoint,
    tokens,
    samples: Object.values(samples).map((s) => ({
      journey: s.journey,
      role: s.role,
      query: s.query,
      variables: s.variables ? JSON.stringify(s.variables, null, 2) : undefined,
    })),
  };
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>masp-hub — explorer (development)</title>
<link rel="stylesheet" href="${base}/assets/graphiql.css">
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  #bar { display: flex; gap: 1rem; align-items: center; padding: .4rem .8rem; background: #1f2937; color: #f9fafb; font-size: 14px; }
  #bar select { max-width: 28rem; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="bar">
  <strong>masp-hub</strong>
  <label>Appelant / caller <select id="caller"></select></label>
  <label>Parcours / journey <select id="journey"></select></label>
  <span>development tokens only</span>
</div>
<div id="graphiql"></div>
<script id="explorer-config" type="application/json">${escapeJson(config)}</script>
<script src="${base}/assets/react.js"></script>
<script src="${base}/assets/react-dom.js"></script>
<script src="${base}/assets/graphiql.js"></script>
<script>
(function () {
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  var callerSelect = document.getElementById('caller');
  var journeySelect = document.getElementById('journey');
  Object.keys(config.tokens).forEach(function (label) { callerSelect.add(new Option(label, label)); });
  config.samples.forEach(function (s, i) { journeySelect.add(new Option(s.journey + ' (' + s.role + ')', String(i))); });
  function fetcher(params) {
    return fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: 'Bearer ' + config.tokens[callerSelect.value] },
      body: JSON.stringify(params),
    }).then(function (res) { return res.json(); });
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var generation = 0;
  function render() {
    var sample = config.samples[Number(journeySelect.value)];
    generation += 1;
    root.render(React.createElement(GraphiQL, { key: generation, fetcher: fetcher, query: sample ? sample.query : '', variables: sample && sample.variables, defaultEditorToolsVisibility: sample && sample.variables ? 'variables' : false, shouldPersistHeaders: false }));
  }
  journeySelect.addEventListener('change', function () {
    var sample = config.samples[Number(journeySelect.value)];
    // Choose a caller whose role fits the journey.
    var match = Object.keys(config.tokens).find(function (label) { return label.indexOf(sample.role) === 0; });
    if (match) callerSelect.value = match;
    render();
  });
  callerSelect.addEventListener('change', render);
  journeySelect.dispatchEvent(new Event('change'));
})();
</script>
</body>
</html>`;
}
