import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Refusal, refusalsOf } from '../client';
import type { ConsolePersonQuery } from '../gql/graphql';
import { CaseloadDoc, EndMeasureDoc, PersonDoc } from '../operations';
import { Field, formatDate, formatEuros, formatMonth, label, Reserved, RefusalBox, today } from '../ui';
import { reservedAt } from '../client';

/** Département staff: the caseload with its alerts, then one person's combined picture as a time line. */
export function StaffPage({ roles }: { roles: string[] }) {
  const [personId, setPersonId] = useState<string>();
  return personId ? (
    <Person id={personId} roles={roles} onBack={() => setPersonId(undefined)} />
  ) : (
    <Caseload onOpen={setPersonId} />
  );
}

function Caseload({ onOpen }: { onOpen: (id: string) => void }) {
  const [{ data, error, fetching }] = useQuery({ query: CaseloadDoc });
  const refusals = refusalsOf(error);
  const alerts = new Map<string, string[]>();
  for (const a of data?.caseloadAlerts ?? []) {
    const id = a.beneficiary?.id;
    if (id) alerts.set(id, [...(alerts.get(id) ?? []), ...a.kinds.map(label)]);
  }
  return (
    <section aria-labelledby="caseload-title">
      <h2 id="caseload-title">File active</h2>
      <RefusalBox refusals={refusals} />
      {fetching && !data ? <p>Chargement…</p> : null}
      {data ? (
        <table>
          <caption>
            {data.caseload.length} personne(s), {data.caseloadAlerts.length} alerte(s)
          </caption>
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Territoire</th>
              <th scope="col">Mesures</th>
              <th scope="col">Alertes</th>
              <th scope="col">Dossier</th>
            </tr>
          </thead>
          <tbody>
            {data.caseload.map((p, i) => {
              const own = [...new Set(alerts.get(p.id) ?? [])];
              if (p.rentArrears?.alert) own.push(`impayés ${p.rentArrears.consecutiveUnpaidMonths ?? 2} mois`);
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <Field refusals={refusals} path={['caseload', i, 'lastName']}>
                      {p.lastName ?? '—'}
                    </Field>{' '}
                    <Field refusals={refusals} path={['caseload', i, 'firstName']}>
                      {p.firstName ?? ''}
                    </Field>
                  </th>
                  <td>{p.territory}</td>
                  <td>{p.measures.map((m) => `${label(m.level)} (${label(m.status)})`).join(', ') || '—'}</td>
                  <td>
                    {own.length ? (
                      <ul className="alerts">
                        {own.map((a) => (
                          <li key={a}>{a}</li>
                        ))}
                      </ul>
                    ) : (
                      'aucune'
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => onOpen(p.id)}
                      aria-label={`Ouvrir le dossier de ${p.firstName ?? ''} ${p.lastName ?? p.id}`}
                    >
                      Ouvrir
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

type Person = NonNullable<ConsolePersonQuery['beneficiary']>;

interface Event {
  on: string;
  kind: string;
  text: string;
}

/** The person's story in date order: measures and their terms, delegations, orders, MAJ. */
function events(p: Person): Event[] {
  const out: Event[] = [];
  for (const m of p.measures) {
    out.push({ on: m.startsOn, kind: 'Mesure', text: `${label(m.level)} ouverte (${label(m.status)})` });
    for (const t of m.terms)
      out.push({
        on: t.startsOn,
        kind: 'Terme',
        text: `${label(m.level)} : terme ${t.seq}, ${t.months} mois jusqu’au ${formatDate(t.endsOn)}`,
      });
    for (const d of m.delegations)
      out.push({
        on: d.startsOn,
        kind: 'Délégation',
        text: `déléguée${d.conventionRef ? ` (convention ${d.conventionRef})` : ''}${d.endsOn ? ` jusqu’au ${formatDate(d.endsOn)}` : ''}`,
      });
    if (m.endedOn) out.push({ on: m.endedOn, kind: 'Fin', text: `${label(m.level)} terminée (${label(m.endReason)})` });
  }
  for (const o of p.directPaymentOrders ?? [])
    out.push({
      on: o.startsOn,
      kind: 'Paiement direct',
      text: `ordre de ${formatEuros(o.monthlyAmountCents)} par mois, payeur ${label(o.payerKind)}${o.endsOn ? ` jusqu’au ${formatDate(o.endsOn)}` : ''}`,
    });
  for (const j of p.judicialMeasures ?? [])
    out.push({
      on: j.startsOn,
      kind: 'MAJ',
      text: `${j.court ?? 'MAJ'} (${label(j.status)}) jusqu’au ${formatDate(j.endsOn)}`,
    });
  return out.sort((a, b) => a.on.localeCompare(b.on));
}

const CELL: Record<string, string> = {
  CONFIRMED: 'payé',
  PARTIAL: 'en retard / partiel',
  MISSING: 'impayé',
  EXPECTED: 'attendu',
};

function Person({ id, roles, onBack }: { id: string; roles: string[]; onBack: () => void }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: PersonDoc, variables: { id } });
  const refusals = refusalsOf(error);
  const p = data?.beneficiary;
  return (
    <section aria-labelledby="person-title">
      <p>
        <button type="button" onClick={onBack}>
          ← Retour à la file active
        </button>
      </p>
      <h2 id="person-title">
        {p ? (
          <>
            <Field refusals={refusals} path={['beneficiary', 'lastName']}>
              {p.lastName}
            </Field>{' '}
            <Field refusals={refusals} path={['beneficiary', 'firstName']}>
              {p.firstName}
            </Field>
          </>
        ) : (
          'Dossier'
        )}
      </h2>
      {fetching && !data ? <p>Chargement…</p> : null}
      <RefusalBox refusals={refusals.filter((r) => !r.domain)} />
      {p ? (
        <>
          <dl className="facts">
            <dt>Né(e) le</dt>
            <dd>
              <Field refusals={refusals} path={['beneficiary', 'birthDate']}>
                {formatDate(p.birthDate)}
              </Field>
            </dd>
            <dt>Adresse</dt>
            <dd>
              <Field refusals={refusals} path={['beneficiary', 'address']}>
                {p.address ?? '—'}
              </Field>
            </dd>
            <dt>Territoire</dt>
            <dd>{p.territory}</dd>
            <dt>Évaluations</dt>
            <dd>
              <Field refusals={refusals} path={['beneficiary', 'evaluations']}>
                {p.evaluations?.length ?? 0}
              </Field>
            </dd>
            <dt>Annexes médicales</dt>
            <dd data-testid="medical">
              <Field refusals={refusals} path={['beneficiary', 'medicalAnnexes']}>
                {p.medicalAnnexes?.length ?? 0}
              </Field>
            </dd>
            <dt>Impayés de loyer</dt>
            <dd>
              {reservedAt(refusals, ['beneficiary', 'rentArrears']) ? (
                <Reserved domain={reservedAt(refusals, ['beneficiary', 'rentArrears'])!} />
              ) : p.rentArrears?.unpaidMonths?.length ? (
                `${p.rentArrears.unpaidMonths.map(formatMonth).join(', ')} (${formatEuros(p.rentArrears.amountDueCents)})`
              ) : (
                'aucun'
              )}
            </dd>
          </dl>
          <h3>Chronologie</h3>
          <ol className="timeline" aria-label="Chronologie du dossier">
            {events(p).map((e, i) => (
              <li key={i}>
                <time dateTime={e.on}>{formatDate(e.on)}</time> <span className="kind">{e.kind}</span> {e.text}
              </li>
            ))}
          </ol>
          <RentGrid person={p} refusals={refusals} />
          <Actions person={p} roles={roles} onDone={() => refetch({ requestPolicy: 'network-only' })} />
        </>
      ) : null}
    </section>
  );
}

function RentGrid({ person, refusals }: { person: Person; refusals: Refusal[] }) {
  const leases = person.leases ?? [];
  if (reservedAt(refusals, ['beneficiary', 'leases']))
    return (
      <p>
        Loyers : <Reserved domain={reservedAt(refusals, ['beneficiary', 'leases'])!} />
      </p>
    );
  const months = [...new Set(leases.flatMap((l) => (l.payments ?? []).map((p) => p.month)))].sort();
  return (
    <>
      <h3 id="rent-title">Loyers, mois par mois</h3>
      {leases.length ? (
        <table className="grid" aria-labelledby="rent-title">
          <thead>
            <tr>
              <th scope="col">Bail</th>
              {months.map((m) => (
                <th scope="col" key={m}>
                  {formatMonth(m)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {leases.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  {l.reference ?? l.id} ({formatEuros((l.rentCents ?? 0) + (l.chargesCents ?? 0))})
                </th>
                {months.map((m) => {
                  const pay = (l.payments ?? []).find((x) => x.month === m);
                  return (
                    <td key={m} className={pay ? `cell s-${pay.status}` : 'cell'}>
                      {pay ? CELL[pay.status] : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Aucun bail connu.</p>
      )}
    </>
  );
}

const END_REASONS = [
  ['TERM', 'terme atteint'],
  ['AUTONOMY', 'autonomie retrouvée'],
  ['PCD_REQUEST', 'demande de la personne'],
  ['MOVE', 'déménagement'],
  ['REFUSAL_OR_BREACH', 'refus ou non-respect du contrat'],
  ['REFERRAL_TO_MAJ', 'orientation vers une MAJ'],
  ['LOSS_OF_ELIGIBILITY', 'perte d’éligibilité'],
  ['WITHDRAWAL', 'retrait'],
  ['DEATH', 'décès'],
] as const;

/** The lifecycle actions this console offers: ending a measure in force (the hub decides who may). */
function Actions({ person, roles, onDone }: { person: Person; roles: string[]; onDone: () => void }) {
  const open = person.measures.filter((m) => !m.endedOn);
  const [measureId, setMeasureId] = useState(open[0]?.id ?? '');
  const [reason, setReason] = useState<string>('TERM');
  const [on, setOn] = useState(today());
  const [state, end] = useMutation(EndMeasureDoc);
  const [done, setDone] = useState<string>();
  if (!roles.some((r) => r === 'TRAVAILLEUR_SOCIAL' || r === 'ENCADRANT')) return null;
  // the last measure in force just ended: the form goes, its outcome stays on screen
  if (!open.length)
    return done ? (
      <p className="panel" role="status">
        {done}
      </p>
    ) : null;
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        void end({
          input: { measureId, reason: reason as (typeof END_REASONS)[number][0], endedOn: on },
        }).then((res) => {
          if (res.data) {
            setDone(`Mesure terminée le ${formatDate(res.data.endMeasure.endedOn)}.`);
            onDone();
          }
        });
      }}
    >
      <h3>Mettre fin à une mesure</h3>
      <label htmlFor="end-measure">Mesure</label>
      <select id="end-measure" value={measureId} onChange={(e) => setMeasureId(e.target.value)}>
        {open.map((m) => (
          <option key={m.id} value={m.id}>
            {label(m.level)} du {formatDate(m.startsOn)} ({label(m.status)})
          </option>
        ))}
      </select>
      <label htmlFor="end-reason">Motif</label>
      <select id="end-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
        {END_REASONS.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
      <label htmlFor="end-on">Date de fin</label>
      <input id="end-on" type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      <button type="submit" disabled={state.fetching}>
        Mettre fin
      </button>
      <RefusalBox refusals={refusalsOf(state.error)} />
      {done ? <p role="status">{done}</p> : null}
    </form>
  );
}
