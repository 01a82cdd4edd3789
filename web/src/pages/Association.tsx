import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { refusalsOf } from '../client';
import type { BenefitKind } from '../gql/graphql';
import { DelegatedFileDoc, DelegatedFilesDoc, PostOperationDoc } from '../operations';
import { LedgerEntryForm } from '../ledger-form';
import { Field, formatDate, formatEuros, formatMonth, label, RefusalBox } from '../ui';

/** DELEGUE: the files delegated to its association, then one file: budget, ledger, bilans, lease and payments. */
export function AssociationPage() {
  const [fileId, setFileId] = useState<string>();
  return fileId ? <DelegatedFile id={fileId} onBack={() => setFileId(undefined)} /> : <Files onOpen={setFileId} />;
}

function Files({ onOpen }: { onOpen: (id: string) => void }) {
  const [{ data, error, fetching }] = useQuery({ query: DelegatedFilesDoc });
  const refusals = refusalsOf(error);
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Dossiers délégués</h2>
      <RefusalBox refusals={refusals.filter((r) => !r.domain)} />
      {fetching && !data ? <p>Chargement…</p> : null}
      {data ? (
        <table>
          <caption>{data.myDelegatedFiles.length} dossier(s)</caption>
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Mesure</th>
              <th scope="col">Depuis</th>
              <th scope="col">Statut</th>
              <th scope="col">Solde</th>
              <th scope="col">Dossier</th>
            </tr>
          </thead>
          <tbody>
            {data.myDelegatedFiles.map((f, i) => (
              <tr key={f.id}>
                <th scope="row">
                  <Field refusals={refusals} path={['myDelegatedFiles', i, 'measure', 'beneficiary', 'lastName']}>
                    {f.measure?.beneficiary?.lastName ?? '—'}
                  </Field>{' '}
                  {f.measure?.beneficiary?.firstName ?? ''}
                </th>
                <td>
                  {label(f.measure?.level)} jusqu’au {formatDate(f.measure?.endsOn)}
                </td>
                <td>{formatDate(f.startedOn)}</td>
                <td>{label(f.status)}</td>
                <td className="num">{formatEuros(f.account?.balanceCents)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => onOpen(f.id)}
                    aria-label={`Ouvrir le dossier de ${f.measure?.beneficiary?.firstName ?? ''} ${f.measure?.beneficiary?.lastName ?? f.id}`}
                  >
                    Ouvrir
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const KINDS = [
  ['RECEIPT', 'recette'],
  ['RENT_PAYMENT', 'paiement du loyer'],
  ['CARE_PAYMENT', 'soins'],
  ['OTHER_PAYMENT', 'autre dépense'],
  ['TRANSFER_TO_PERSON', 'versement à la personne'],
] as const;

function DelegatedFile({ id, onBack }: { id: string; onBack: () => void }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: DelegatedFileDoc, variables: { id } });
  const [state, post] = useMutation(PostOperationDoc);
  const refusals = refusalsOf(error);
  const f = data?.delegatedFile;
  const person = f?.measure?.beneficiary;
  const ops = [...(f?.operations ?? [])].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return (
    <section aria-labelledby="file-title">
      <p>
        <button type="button" onClick={onBack}>
          ← Retour aux dossiers
        </button>
      </p>
      <h2 id="file-title">Dossier de {person ? `${person.firstName ?? ''} ${person.lastName ?? ''}` : '…'}</h2>
      {fetching && !data ? <p>Chargement…</p> : null}
      <RefusalBox refusals={refusals.filter((r) => !r.domain)} />
      {f ? (
        <>
          <dl className="facts">
            <dt>Mesure</dt>
            <dd>
              {label(f.measure?.level)} du {formatDate(f.measure?.startsOn)} au {formatDate(f.measure?.endsOn)}
            </dd>
            <dt>Adresse</dt>
            <dd>{person?.address ?? '—'}</dd>
            <dt>Ressources mensuelles</dt>
            <dd>{formatEuros(f.monthlyResourcesCents)}</dd>
            <dt>Annexes médicales</dt>
            <dd data-testid="medical">
              <Field refusals={refusals} path={['delegatedFile', 'measure', 'beneficiary', 'medicalAnnexes']}>
                {person?.medicalAnnexes?.length ?? 0}
              </Field>
            </dd>
            <dt>Solde du compte</dt>
            <dd data-testid="balance">{formatEuros(f.account?.balanceCents)}</dd>
          </dl>
          <h3>Budget {f.budgetPlan?.month ? `de ${formatMonth(f.budgetPlan.month)}` : ''}</h3>
          {f.budgetPlan ? (
            <dl className="facts">
              <dt>Ressources</dt>
              <dd>{formatEuros(f.budgetPlan.resourcesCents)}</dd>
              <dt>Loyer et charges (payés d’abord)</dt>
              <dd>{formatEuros(f.budgetPlan.rentAndChargesCents)}</dd>
              <dt>Soins</dt>
              <dd>{formatEuros(f.budgetPlan.careCents)}</dd>
              <dt>Autres charges</dt>
              <dd>{formatEuros(f.budgetPlan.otherChargesCents)}</dd>
              <dt>Reste à vivre</dt>
              <dd>{formatEuros(f.budgetPlan.resteAVivreCents)}</dd>
            </dl>
          ) : (
            <p>Aucun budget établi.</p>
          )}
          <h3 id="ledger-title">Opérations (solde après chaque opération)</h3>
          <table aria-labelledby="ledger-title" data-testid="ledger">
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Date</th>
                <th scope="col">Nature</th>
                <th scope="col">Libellé</th>
                <th scope="col">Montant</th>
                <th scope="col">Solde</th>
              </tr>
            </thead>
            <tbody>
              {ops.map((o) => (
                <tr key={o.id}>
                  <td>{o.seq}</td>
                  <td>{formatDate(o.operatedOn)}</td>
                  <td>{label(o.kind)}</td>
                  <td>{o.label ?? ''}</td>
                  <td className="num">{formatEuros(o.amountCents)}</td>
                  <td className="num">{formatEuros(o.balanceAfterCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LedgerEntryForm
            id="op"
            title="Passer une opération"
            submit="Enregistrer l’opération"
            kinds={KINDS}
            benefitKind="RECEIPT"
            benefitLabel="Prestation reçue"
            benefits={f.managedBenefits ?? []}
            labelRequired
            incomplete="Indiquez un montant (ex. 45,00) et un libellé."
            fetching={state.fetching}
            error={state.error}
            save={(entry) =>
              post({
                input: {
                  fileId: f.id,
                  kind: entry.kind as (typeof KINDS)[number][0],
                  amountCents: entry.amountCents,
                  label: entry.label,
                  operatedOn: entry.on,
                  ...(entry.benefit ? { benefitKind: entry.benefit as BenefitKind } : {}),
                },
              })
            }
            onSaved={() => refetch({ requestPolicy: 'network-only' })}
          />
          <h3>Bilans</h3>
          {f.bilans?.length ? (
            <ul>
              {f.bilans.map((b) => (
                <li key={b.id}>
                  {formatDate(b.writtenOn)} — {label(b.kind)} : {b.summary ?? ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun bilan.</p>
          )}
          <h3>Bail et derniers paiements</h3>
          {(person?.leases ?? []).map((l) => (
            <div key={l.id}>
              <p>
                Bail {l.reference ?? l.id} : loyer {formatEuros(l.rentCents)} + charges {formatEuros(l.chargesCents)}
              </p>
              <ul>
                {(l.payments ?? []).map((p) => (
                  <li key={p.id}>
                    {formatMonth(p.month)} : {label(p.status)}, {formatEuros(p.receivedCents)}
                    {p.receivedOn ? ` le ${formatDate(p.receivedOn)}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
