import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { notify, NotificationAudience } from '../../subgraphs/kit/events/notify';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 17 §5 — partners are told, live: a partner subscribes through the gateway (GraphQL over SSE) and receives
 * each notification about a person within its reach as it is committed, under the field and row rules of the list,
 * each item in the access log. Rows are written with the kit's `notify` (what a consumer's handler calls).
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const DELEGUE_A = DEMO_CALLERS['DELEGUE (association A)'];
const DELEGUE_B = DEMO_CALLERS['DELEGUE (association B)'];
const LANDLORD = DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'];

interface Live {
  status: number;
  contentType: string | null;
  /** The next result of the stream, or `undefined` if none came within `ms` (or the stream ended). */
  next(ms?: number): Promise<{ data?: any; errors?: any } | undefined>;
  /** Every result sent until the stream ended (for an answer that is not a stream: the one answer). */
  close(): Promise<void>;
}

/** Subscribes through the gateway as a browser's EventSource polyfill would: POST, `Accept: text/event-stream`. */
async function subscribe(token: string | undefined, query: string, variables?: Record<string, unknown>) {
  const abort = new AbortController();
  const res = await hub.gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const contentType = res.headers.get('content-type');
  const queue: any[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  if (contentType?.includes('text/event-stream')) {
    void (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            const event = /^event: *(.*)$/m.exec(message)?.[1];
            const data = message
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('\n');
            if (event === 'complete') return;
            if (data) queue.push(JSON.parse(data));
            wake?.();
          }
        }
      } catch {
        // aborted by close()
      } finally {
        ended = true;
        wake?.();
      }
    })();
  } else {
    queue.push(await res.json());
    ended = true;
  }
  const live: Live = {
    status: res.status,
    contentType,
    async next(ms = 5_000) {
      const deadline = Date.now() + ms;
      while (!queue.length && !ended && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
      }
      return queue.shift();
    },
    async close() {
      abort.abort();
      await new Promise((r) => setTimeout(r, 50));
    },
  };
  return live;
}

async function tell(subgraph: string, audience: NotificationAudience, beneficiaryId: string, kind: string) {
  await hub.subgraphs[subgraph].dataSource.transaction((m) =>
    notify(m, { audience, beneficiaryId, kind, data: { startsOn: '2026-02-01' } }),
  );
}

const accessLogOf = (subgraph: string, sub: string) =>
  hub.subgraphs[subgraph].dataSource.query(
    `SELECT beneficiary_id, domains, action, detail FROM "${subgraph}".access_log WHERE sub = $1 ORDER BY id`,
    [sub],
  );

describe('events › live notifications through the gateway (GraphQL over SSE)', () => {
  it('smoke', async () => {
    const person = hub.plan.persons.find((p) =>
      hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationA),
    )!;
    const a = await subscribe(
      await hub.token({ ...DELEGUE_A, sub: 'delegue-a-live' }),
      'subscription Live { associationNotification { id kind summary beneficiary { id } } }',
    );
    console.log(a.status, a.contentType);
    await new Promise((r) => setTimeout(r, 300));
    await tell('association', { orgId: DEMO_ORGS.associationA }, person.id, 'delegation.granted');
    console.log(JSON.stringify(await a.next()));
    await a.close();
    console.log(await accessLogOf('association', 'delegue-a-live'));
    void DELEGUE_B;
    void LANDLORD;
  });
});
