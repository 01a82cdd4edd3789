import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { refusalsOf } from '../client';
import type { BenefitKind } from '../gql/graphql';
import { MajDoc, RecordMajOperationDoc } from '../operations';
import { LedgerEntryForm } from '../ledger-form';
import { Field, formatDate, formatEuros, label, RefusalBox } from '../ui';

const KINDS = [
  ['BENEFIT', 'prestation (recette)'],
  ['EARNED_INCOME', 'revenus du travail (recette)'],
  ['OTHER_RECEIPT', 'autre recette'],
  ['REFUND', 'remboursement (recette)'],
  ['RENT_TO_LANDLORD', 'loyer versé au bailleur'],
  ['HOUSING_CHARGES', 'charges du logement'],
  ['ENERGY', 'énergie'],
  ['INSURANCE', 'assurance'],
  ['LIVING_ALLOWANCE', 'argent de vie'],
  ['DEBT_REPAYMENT', 'remboursement de dette'],
  ['OTHER_PAYMENT', 'autre dépense'],
] as const;

/** MJPM: its MAJ (judgment, person, benefits covered) and the person's account. */
export function MjpmPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MajDoc });
  const [state, record] = useMutation(RecordMajOperationDoc);
  const refusals = refusalsOf(error);
  const list = data?.myJudicialMeasures ?? [];
  const [chosen, setChosen] = useState<string>();
  const index = Math.max(
    0,
    list.findIndex((j) => j.id === chosen),
  );
  const maj = list[index];
  return (
    <section aria-labelledby="maj-title">
      <h2 id="maj-title">Mesures d’accompagnement judiciaire</h2>
      {fetching && !data ? <p>Chargement…</p> : null}
      <RefusalBox refusals={refusals.filter((r) => !r.domain)} />
      {list.length ? (
        <>
          <label htmlFor="maj">MAJ</label>
          <select id="maj" value={maj?.id} onChange={(e) => setChosen(e.target.value)}>
            {list.map((j) => (
              <option key={j.id} value={j.id}>
                {j.beneficiary.lastName ?? '—'} {j.beneficiary.firstName ?? ''} — {j.reference ?? j.id}
              </option>
            ))}
          </select>
        </>
      ) : data ? (
        <p>Aucune MAJ confiée à votre service.</p>
      ) : null}
      {maj ? (
        <>
          <dl className="facts">
            <dt>Jugement</dt>
            <dd>
              {maj.court ?? '—'}, {formatDate(maj.judgmentDate)} ({maj.reference ?? '—'})
            </dd>
            <dt>Période</dt>
            <dd>
              du {formatDate(maj.startsOn)} au {formatDate(maj.endsOn)} ({label(maj.status)})
            </dd>
            <dt>Prestations couvertes</dt>
            <dd>{(maj.benefitsCovered ?? []).join(', ') || '—'}</dd>
            <dt>Né(e) le</dt>
            <dd>{formatDate(maj.beneficiary.birthDate)}</dd>
            <dt>Annexes médicales</dt>
            <dd data-testid="medical">
              <Field refusals={refusals} path={['myJudicialMeasures', index, 'beneficiary', 'medicalAnnexes']}>
                {maj.beneficiary.medicalAnnexes?.length ?? 0}
              </Field>
            </dd>
            <dt>Solde du compte</dt>
            <dd data-testid="balance">{formatEuros(maj.account?.balanceCents)}</dd>
          </dl>
          <h3 id="account-title">Compte : dernières opérations</h3>
          <table aria-labelledby="account-title">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Nature</th>
                <th scope="col">Sens</th>
                <th scope="col">Montant</th>
                <th scope="col">Solde</th>
              </tr>
            </thead>
            <tbody>
              {(maj.accountOperations ?? []).map((o) => (
                <tr key={o.id}>
                  <td>{formatDate(o.operationDate)}</td>
                  <td>{KINDS.find(([k]) => k === o.kind)?.[1] ?? label(o.kind)}</td>
                  <td>{label(o.direction)}</td>
                  <td className="num">{formatEuros(o.amountCents)}</td>
                  <td className="num">{formatEuros(o.balanceAfterCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LedgerEntryForm
            key={maj.id} // another MAJ: an empty form
            id="maj"
            title="Enregistrer une recette ou une dépense"
            submit="Enregistrer"
            kinds={KINDS}
            benefitKind="BENEFIT"
            benefitLabel="Prestation"
            benefits={maj.benefitsCovered ?? []}
            labelRequired={false}
            incomplete="Indiquez un montant (ex. 120,00)."
            fetching={state.fetching}
            error={state.error}
            save={(entry) =>
              record({
                input: {
                  judicialMeasureId: maj.id,
                  kind: entry.kind as (typeof KINDS)[number][0],
                  amountCents: entry.amountCents,
                  operationDate: entry.on,
                  ...(entry.label ? { label: entry.label } : {}),
                  ...(entry.benefit ? { benefitKind: entry.benefit as BenefitKind } : {}),
                },
              })
            }
            onSaved={() => refetch({ requestPolicy: 'network-only' })}
          />
        </>
      ) : null}
    </section>
  );
}
