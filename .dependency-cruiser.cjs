// Who may import whom (`npm run check:boundaries`). Partners never import each other, the kit never imports a partner,
// the gateway reaches the subgraphs' code only through the kit's runtime room (the development hub, a composition
// root, may also assemble the subgraphs), and the contract in schema/ depends on nothing of the hub.
const PARTNERS = '(department|association|bailleur|mandataire)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order decide what a module sees at import time.',
      from: { path: '^(gateway|subgraphs|schema)/' },
      to: { circular: true },
    },
    {
      name: 'partners-apart',
      severity: 'error',
      comment: 'A partner subgraph never imports another partner: what they share lives in subgraphs/kit.',
      from: { path: `^subgraphs/${PARTNERS}/` },
      to: { path: `^subgraphs/${PARTNERS}/`, pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'kit-knows-no-partner',
      severity: 'error',
      comment: 'The kit serves every partner: it imports none of them, nor the list that assembles them.',
      from: { path: '^subgraphs/kit/' },
      to: { path: [`^subgraphs/${PARTNERS}/`, '^subgraphs/[^/]+\\.ts$'] },
    },
    {
      name: 'gateway-through-runtime',
      severity: 'error',
      comment: "The gateway runs apart from the subgraphs: of their code it uses only the kit's runtime room.",
      from: { path: '^gateway/', pathNot: '^gateway/dev/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/kit/runtime/' },
    },
    {
      name: 'dev-hub-composition',
      severity: 'error',
      comment: 'The one-process development hub assembles the subgraphs through their list and the kit only.',
      from: { path: '^gateway/dev/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/(index\\.ts$|kit/(runtime|server|db|seed|events)/)' },
    },
    {
      name: 'dev-only-when-developing',
      severity: 'error',
      comment:
        'The served gateway loads the development hub (demo callers, seed) only on demand, in development: never by ' +
        'a static import.',
      from: { path: '^gateway/', pathNot: '^gateway/dev/' },
      to: { path: '^gateway/dev/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'schema-is-the-contract',
      severity: 'error',
      comment: 'schema/ is what the gateway and the subgraphs agree on: it imports neither.',
      from: { path: '^schema/' },
      to: { path: '^(gateway|subgraphs)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.data|coverage)/' },
    // Type-only imports count: they tie the code together as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
