import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { consumersOf, EVENT_ROUTES, EventType, PartnerName } from '../../schema/events';
import { SUBGRAPHS } from '../../subgraphs';

/** kubernetes.yaml, checked as data (kubeconform is not installable from npm). */
const ROOT = join(__dirname, '..', '..');
const documents = parseAllDocuments(readFileSync(join(ROOT, 'kubernetes.yaml'), 'utf8'));
const objects = documents.map((d) => d.toJS() as any).filter(Boolean);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const deployments = ofKind('Deployment');
const secrets = ofKind('Secret');
const configMaps = ofKind('ConfigMap');

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
type Selector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
};

/** Whether a label selector (matchLabels, matchExpressions with In / NotIn / Exists) selects pods labelled `labels`. */
function selects(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) =>
    e.operator === 'In'
      ? e.values!.includes(labels[e.key])
      : e.operator === 'NotIn'
        ? !e.values!.includes(labels[e.key])
        : e.operator === 'Exists' && e.key in labels,
  );
  return byLabels && byExpressions;
}

/** The partners a producer delivers its facts to (schema/events.ts). */
const deliversTo = (producer: string): PartnerName[] => [
  ...new Set((Object.keys(EVENT_ROUTES) as EventType[]).flatMap((type) => consumersOf(type, producer as PartnerName))),
];

describe('deployment › kubernetes.yaml', () => {
  it('parses without errors and every object has a kind, a name and the masp-hub namespace', () => {
    expect(documents.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
    for (const o of objects) {
      expect(typeof o.apiVersion).toBe('string');
      expect(typeof o.metadata?.name).toBe('string');
      if (o.kind !== 'Namespace') expect(o.metadata.namespace).toBe('masp-hub');
    }
  });

  it('has a Deployment for the gateway and for each subgraph', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['gateway', ...SUBGRAPHS.map((s) => s.name)].sort());
  });

  describe.each(['gateway', ...SUBGRAPHS.map((s) => s.name)])('%s', (name) => {
    const deployment = deployments.find((d) => d.metadata.name === name);
    const pod = deployment?.spec.template;
    const container = pod?.spec.containers[0];
    const env: EnvVar[] = container?.env ?? [];
    const port = container?.ports?.find((p: { name: string }) => p.name === 'http')?.containerPort;

    it('selects its own pods and runs a built entry point of this repository', () => {
      expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
      expect(pod.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
      // node <entry> [partner]: a subgraph runs the one entry point with its name (subgraphs/serve.ts)
      const [, entry, ...args] = container.command as string[];
      expect(args).toEqual(name === 'gateway' ? [] : [name]);
      expect(entry).toMatch(/^dist\/.+\.js$/);
      expect(existsSync(join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      expect(env.find((e) => e.name === 'PORT')?.value).toBe(String(port));
    });

    it('has readiness and liveness probes on /health', () => {
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe.httpGet).toEqual({ path: '/health', port: 'http' });
        expect(probe.periodSeconds).toBeGreaterThan(0);
      }
    });

    it('requests and limits CPU and memory', () => {
      for (const kind of ['requests', 'limits']) {
        expect(container.resources[kind]).toEqual({
          cpu: expect.anything(),
          memory: expect.stringMatching(/^\d+(Mi|Gi)$/),
        });
      }
    });

    it('takes its secrets from Secrets that exist (no secret value inline)', () => {
      const refs = env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.valueFrom!.secretKeyRef!);
      const names = env.map((e) => e.name);
      const wanted =
        name === 'gateway' ? ['GATEWAY_SIGNING_KEYS'] : [`${name.toUpperCase()}_DATABASE_URL`, 'EVENTS_SIGNING_KEY'];
      for (const variable of wanted)
        expect(env.find((e) => e.name === variable)?.valueFrom?.secretKeyRef).toBeDefined();
      for (const ref of refs)
        expect(secrets.find((s) => s.metadata.name === ref.name)?.stringData).toHaveProperty(ref.key);
      for (const e of env) if (/SECRET|PASSWORD|DATABASE_URL|KEY/.test(e.name)) expect(e.value).toBeUndefined();
      // the gateway's private keys are the gateway's alone; a subgraph gets the public JWKS URL
      if (name !== 'gateway') {
        expect(names).not.toContain('GATEWAY_SIGNING_KEYS');
        expect(env.find((e) => e.name === 'GATEWAY_JWKS_URL')?.value).toBe('http://gateway:4000/.well-known/jwks.json');
      }
      // a partner's events key is its own; the gateway signs no event
      if (name === 'gateway') expect(names).not.toContain('EVENTS_SIGNING_KEY');
      expect(names).not.toContain('DATABASE_URL'); // per-subgraph URLs, so that each partner can have its own server
      for (const cm of configMaps)
        for (const key of Object.keys(cm.data)) expect(key).not.toMatch(/SECRET|PASSWORD|DATABASE_URL/);
    });

    it('has a Service on its port and a HorizontalPodAutoscaler', () => {
      const service = ofKind('Service').find((s) => s.metadata.name === name);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service.spec.ports).toEqual([expect.objectContaining({ port, targetPort: 'http' })]);
      const hpa = ofKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === name);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.scaleTargetRef.kind).toBe('Deployment');
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    });

    it('runs as a non-root user on a read-only filesystem', () => {
      expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
    });
  });

  it("points the gateway at each subgraph's Service, and PostgreSQL is external (no database Deployment)", () => {
    const config = configMaps.find((c) => c.metadata.name === 'masp-hub-config').data;
    for (const s of SUBGRAPHS) {
      const service = ofKind('Service').find((x) => x.metadata.name === s.name);
      expect(config[`${s.name.toUpperCase()}_URL`]).toBe(
        `http://${s.name}.masp-hub.svc.cluster.local:${service.spec.ports[0].port}/graphql`,
      );
    }
    expect(config.NODE_ENV).toBe('production');
    expect(
      objects.some((o) => /postgres/i.test(o.metadata.name) && ['Deployment', 'StatefulSet'].includes(o.kind)),
    ).toBe(false);
  });
});

describe('deployment › kubernetes.yaml › facts between partners (schema/events.ts)', () => {
  const config = configMaps.find((c) => c.metadata.name === 'masp-hub-config')?.data ?? {};
  const podOf = (name: string) => deployments.find((d) => d.metadata.name === name)?.spec.template;
  /** What a subgraph's container reads: the ConfigMap (envFrom), then its own env (which wins). */
  const envOf = (name: string): Record<string, EnvVar> => {
    const container = podOf(name).spec.containers[0];
    const fromConfig = (container.envFrom ?? [])
      .map((e: any) => e.configMapRef?.name)
      .filter(Boolean)
      .flatMap((cm: string) => Object.entries(configMaps.find((c) => c.metadata.name === cm)?.data ?? {}))
      .map(([k, v]: [string, string]) => [k, { name: k, value: v }]);
    return Object.fromEntries([...fromConfig, ...(container.env ?? []).map((e: EnvVar) => [e.name, e])]);
  };
  const ingressAllows = (from: string, to: string, port: number) =>
    ofKind('NetworkPolicy').some(
      (p) =>
        selects(p.spec.podSelector, podOf(to).metadata.labels) &&
        (p.spec.ingress ?? []).some(
          (rule: any) =>
            rule.from.some((peer: any) => selects(peer.podSelector, podOf(from).metadata.labels)) &&
            (!rule.ports ||
              rule.ports.some((p: any) => p.port === port || p.port === 'http' || p.port === String(port))),
        ),
    );

  it('follows the routes of schema/events.ts (the department delivers to the three others)', () => {
    expect(deliversTo('department').sort()).toEqual(['association', 'bailleur', 'mandataire']);
    expect(deliversTo('bailleur')).toEqual(['department']);
  });

  it.each(SUBGRAPHS.map((s) => s.name))(
    "%s signs with its own key from a Secret, and checks the partners' public keys",
    (name) => {
      const env = envOf(name);
      const ref = env.EVENTS_SIGNING_KEY?.valueFrom?.secretKeyRef;
      expect(ref).toEqual({ name: 'masp-hub-events', key: `${name.toUpperCase()}_EVENTS_SIGNING_KEY` });
      expect(secrets.find((s) => s.metadata.name === ref!.name)?.stringData).toHaveProperty(ref!.key);
      // public keys: in the ConfigMap (no secret there), set for every subgraph
      expect(env.PARTNER_EVENTS_JWKS?.value).toEqual(expect.any(String));
      expect(env.PARTNER_EVENTS_JWKS.value).toBe(config.PARTNER_EVENTS_JWKS);
    },
  );

  it('every subgraph has a key of its own (no two read the same one)', () => {
    const keys = SUBGRAPHS.map((s) => envOf(s.name).EVENTS_SIGNING_KEY?.valueFrom?.secretKeyRef?.key);
    expect(new Set(keys).size).toBe(SUBGRAPHS.length);
  });

  it.each(SUBGRAPHS.map((s) => s.name))(
    "%s reaches the partners it delivers to: their Service's URL, allowed by the NetworkPolicies",
    (name) => {
      for (const to of deliversTo(name)) {
        const service = ofKind('Service').find((x) => x.metadata.name === to);
        const port = service.spec.ports[0].port;
        expect({ to, url: envOf(name)[`${to.toUpperCase()}_URL`]?.value }).toEqual({
          to,
          url: `http://${to}.masp-hub.svc.cluster.local:${port}/graphql`,
        });
        expect({ from: name, to, allowed: ingressAllows(name, to, port) }).toEqual({ from: name, to, allowed: true });
      }
    },
  );

  it('the NetworkPolicies still keep the gateway-only subgraphs from one another otherwise', () => {
    // the association delivers nothing: nothing lets it reach the bailleur or the mandataire
    expect(deliversTo('association')).toEqual([]);
    for (const to of ['bailleur', 'mandataire']) {
      const port = ofKind('Service').find((x) => x.metadata.name === to).spec.ports[0].port;
      expect(ingressAllows('association', to, port)).toBe(false);
    }
  });
});

describe('deployment › kubernetes.yaml › least privilege in PostgreSQL', () => {
  const job = ofKind('Job').find((j) => j.metadata.name === 'db-migrate');
  const pod = job?.spec.template.spec;
  const secretNames = (container: any): string[] =>
    [
      ...(container.envFrom ?? []).map((e: any) => e.secretRef?.name),
      ...(container.env ?? []).map((e: EnvVar) => e.valueFrom?.secretKeyRef?.name),
    ].filter(Boolean);
  const secretData = (name: string): Record<string, string> =>
    secrets.find((s) => s.metadata.name === name)?.stringData ?? {};

  it('migrates in a Job: the roles as the superuser, then the migrations as the owners', () => {
    const [roles] = pod.initContainers;
    const [migrate] = pod.containers;
    expect(roles.command).toEqual(['node', 'dist/subgraphs/migrate.cli.js', '--roles']);
    expect(migrate.command).toEqual(['node', 'dist/subgraphs/migrate.cli.js']);
    expect(existsSync(join(ROOT, 'subgraphs', 'migrate.cli.ts'))).toBe(true);
    expect(secretNames(roles).sort()).toEqual(
      ['masp-hub-database', 'masp-hub-database-admin', 'masp-hub-database-owner'].sort(),
    );
    // the migrations never hold the superuser's password
    expect(secretNames(migrate).sort()).toEqual(['masp-hub-database', 'masp-hub-database-owner'].sort());
    expect(secretData('masp-hub-database-admin')).toHaveProperty('DB_ADMIN_URL');
    for (const c of [roles, migrate]) expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true });
    expect(pod.securityContext.runAsNonRoot).toBe(true);
  });

  it('the subgraphs do not migrate, and hold neither an owner nor the superuser', () => {
    const config = configMaps.find((c) => c.metadata.name === 'masp-hub-config').data;
    expect(config.MIGRATE_ON_START).toBe('false');
    for (const s of SUBGRAPHS) {
      const container = deployments.find((d) => d.metadata.name === s.name).spec.template.spec.containers[0];
      expect({ subgraph: s.name, secrets: secretNames(container).sort() }).toEqual({
        subgraph: s.name,
        // its application role and its own events key; never the gateway's signing keys (masp-hub-signing)
        secrets: ['masp-hub-database', 'masp-hub-events'],
      });
    }
  });

  it('gives each subgraph its own application role and its own owner role', () => {
    const users = SUBGRAPHS.flatMap((s) => {
      const name = s.name.toUpperCase();
      const app = new URL(secretData('masp-hub-database')[`${name}_DATABASE_URL`]).username;
      const owner = new URL(secretData('masp-hub-database-owner')[`${name}_DATABASE_OWNER_URL`]).username;
      expect({ app, owner }).toEqual({ app: `masp_${s.name}_app`, owner: `masp_${s.name}_owner` });
      return [app, owner];
    });
    expect(new Set(users).size).toBe(SUBGRAPHS.length * 2);
  });
});
