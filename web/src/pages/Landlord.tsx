import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Refusal, refusalsOf } from '../client';
import { centsToCsv, confirmationsOfCsv, CsvConfirmation, parseDate, parseEuros, toCsv } from '../csv';
import type { ConsoleConfirmPaymentsMutation, ConsoleLandlordMonthQuery } from '../gql/graphql';
import { ConfirmPaymentsDoc, DeclareArrearsDoc, LandlordMonthDoc } from '../operations';
import { Field, formatDate, formatEuros, formatMonth, label, previousMonth, RefusalBox, today } from '../ui';

type Result = ConsoleConfirmPaymentsMutation['confirmRentPayments'][number];

/** GESTIONNAIRE_LOCATIF: the month's expected payments, confirmed one, several or all at once; CSV out and in. */
export function LandlordPage() {
  const [month, setMonth] = useState(previousMonth());
  const [{ data, error, fetching }, refetch] = useQuery({ query: LandlordMonthDoc, variables: { month } });
  const [confirmState, confirm] = useMutation(ConfirmPaymentsDoc);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [dates, setDates] = useState<Record<string, string>>({});
  const [results, setResults] = useState<Record<string, Result>>({});
  const [imported, setImported] = useState<CsvConfirmation[]>();
  const [notice, setNotice] = useState<string>();
  const refusals = refusalsOf(error);
  const rows = data?.expectedPayments ?? [];

  const amountOf = (leaseId: string, expected: number | null | undefined) =>
    amounts[leaseId] ?? centsToCsv(expected ?? 0);

  async function send(items: { leaseId: string; amountReceivedCents: number; receivedOn?: string }[]) {
    const res = await confirm({ month, items });
    const list = res.data?.confirmRentPayments ?? [];
    setResults((prev) => ({ ...prev, ...Object.fromEntries(list.map((r) => [r.leaseId, r])) }));
    const ok = list.filter((r) => r.ok).length;
    if (res.data) setNotice(`${ok} confirmation(s) enregistrée(s), ${list.length - ok} refusée(s).`);
    refetch({ requestPolicy: 'network-only' });
  }

  function confirmRows(ids: string[]) {
    const items = [];
    for (const id of ids) {
      const row = rows.find((r) => r.leaseId === id);
      const cents = parseEuros(amountOf(id, row?.expectedCents));
      if (cents === undefined) {
        setNotice(`Montant illisible pour le bail ${row?.reference ?? id}.`);
        return;
      }
      // An amount received needs its date: the one typed, the one already recorded, else today.
      const on = dates[id] ? parseDate(dates[id]) : (row?.payment?.receivedOn ?? (cents > 0 ? today() : undefined));
      items.push({ leaseId: id, amountReceivedCents: cents, ...(on ? { receivedOn: on } : {}) });
    }
    if (items.length) void send(items);
  }

  function exportCsv() {
    const csv = toCsv(
      rows.map((r) => [
        r.leaseId,
        r.reference ?? '',
        r.tenantName ?? '',
        r.month,
        centsToCsv(r.expectedCents),
        label(r.payerKind),
        label(r.status),
        centsToCsv(r.receivedCents),
        r.payment?.receivedOn ?? '',
      ]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `loyers-${month}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function importCsv(file: File) {
    setImported(confirmationsOfCsv(await file.text()));
    setNotice(undefined);
  }

  const importable = (imported ?? []).filter((c) => !c.problem);

  return (
    <>
      <section aria-labelledby="month-title">
        <h2 id="month-title">Paiements attendus du mois</h2>
        <div className="toolbar">
          <label htmlFor="month">Mois</label>
          <input
            id="month"
            type="month"
            value={month}
            onChange={(e) => {
              setMonth(e.target.value);
              setResults({});
              setSelected(new Set());
            }}
          />
          <button type="button" onClick={exportCsv} disabled={!rows.length}>
            Exporter le mois (CSV)
          </button>
          <label htmlFor="csv-in">Importer un CSV de confirmations</label>
          <input
            id="csv-in"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => e.target.files?.[0] && void importCsv(e.target.files[0])}
          />
        </div>
        <RefusalBox refusals={refusals} />
        <RefusalBox refusals={refusalsOf(confirmState.error)} />
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {imported ? (
          <div className="panel" aria-labelledby="import-title">
            <h3 id="import-title">CSV importé : {imported.length} ligne(s)</h3>
            <ul>
              {imported.map((c) => (
                <li key={c.line}>
                  Ligne {c.line} : {c.problem ? <span className="bad">{c.problem}</span> : null}
                  {!c.problem
                    ? `bail ${rows.find((r) => r.leaseId === c.leaseId)?.reference ?? c.leaseId}, ${formatEuros(c.amountReceivedCents)}${c.receivedOn ? ` le ${formatDate(c.receivedOn)}` : ''}`
                    : null}
                </li>
              ))}
            </ul>
            <button
              type="button"
              disabled={!importable.length || confirmState.fetching}
              onClick={() => {
                void send(
                  importable.map((c) => ({
                    leaseId: c.leaseId,
                    amountReceivedCents: c.amountReceivedCents!,
                    ...(c.receivedOn || c.amountReceivedCents! > 0 ? { receivedOn: c.receivedOn ?? today() } : {}),
                  })),
                ).then(() => setImported(undefined));
              }}
            >
              Envoyer les {importable.length} confirmation(s) du CSV
            </button>{' '}
            <button type="button" onClick={() => setImported(undefined)}>
              Annuler l’import
            </button>
          </div>
        ) : null}
        {fetching && !data ? <p>Chargement…</p> : null}
        {data ? (
          <>
            <div className="toolbar">
              <button
                type="button"
                disabled={!selected.size || confirmState.fetching}
                onClick={() => confirmRows([...selected])}
              >
                Confirmer la sélection ({selected.size})
              </button>
              <button
                type="button"
                disabled={!rows.length || confirmState.fetching}
                onClick={() => confirmRows(rows.map((r) => r.leaseId))}
              >
                Tout confirmer ({rows.length})
              </button>
            </div>
            <table aria-describedby="month-title">
              <caption>
                {rows.length} paiement(s) attendu(s) pour {formatMonth(month)}. Un montant différent d’une confirmation
                déjà faite est enregistré comme correction.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Choisir</th>
                  <th scope="col">Bail</th>
                  <th scope="col">Locataire</th>
                  <th scope="col">Attendu</th>
                  <th scope="col">Payeur</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Montant reçu</th>
                  <th scope="col">Reçu le</th>
                  <th scope="col">Résultat</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const result = results[r.leaseId];
                  const ref = r.reference ?? r.leaseId;
                  return (
                    <tr key={r.leaseId} data-lease={r.leaseId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Choisir le bail ${ref}`}
                          checked={selected.has(r.leaseId)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.target.checked) next.add(r.leaseId);
                            else next.delete(r.leaseId);
                            setSelected(next);
                          }}
                        />
                      </td>
                      <th scope="row">{ref}</th>
                      <td>{r.tenantName ?? '—'}</td>
                      <td className="num">{formatEuros(r.expectedCents)}</td>
                      <td>{label(r.payerKind)}</td>
                      <td>
                        <span className={`status s-${r.status}`}>{label(r.status)}</span>
                        {r.payment?.corrections?.length ? (
                          <span className="small"> ({r.payment.corrections.length} correction(s))</span>
                        ) : null}
                      </td>
                      <td>
                        <input
                          className="amount"
                          inputMode="decimal"
                          aria-label={`Montant reçu, bail ${ref} (euros)`}
                          value={amountOf(r.leaseId, r.receivedCents ?? r.expectedCents)}
                          onChange={(e) => setAmounts({ ...amounts, [r.leaseId]: e.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          type="date"
                          aria-label={`Date de réception, bail ${ref}`}
                          value={dates[r.leaseId] ?? r.payment?.receivedOn ?? ''}
                          onChange={(e) => setDates({ ...dates, [r.leaseId]: e.target.value })}
                        />
                      </td>
                      <td className="result" data-testid={`result-${r.leaseId}`}>
                        {result ? (
                          result.ok ? (
                            <span className="ok">Enregistré ({label(result.payment?.status)})</span>
                          ) : (
                            <span className="bad">
                              Refusé : {result.errorMessage} {result.errorCode ? `(${result.errorCode})` : ''}
                            </span>
                          )
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        ) : null}
      </section>
      {data ? <Leases data={data} refusals={refusals} month={month} /> : null}
    </>
  );
}

function Leases({ data, refusals, month }: { data: ConsoleLandlordMonthQuery; refusals: Refusal[]; month: string }) {
  const [state, declare] = useMutation(DeclareArrearsDoc);
  const [lease, setLease] = useState(data.myLeases[0]?.id ?? '');
  const [months, setMonths] = useState(month);
  const [due, setDue] = useState('');
  const [done, setDone] = useState<string>();
  return (
    <section aria-labelledby="leases-title">
      <h2 id="leases-title">Baux et impayés</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Bail</th>
            <th scope="col">Locataire</th>
            <th scope="col">Prénom du bénéficiaire</th>
            <th scope="col">Loyer + charges</th>
            <th scope="col">Impayés</th>
          </tr>
        </thead>
        <tbody>
          {data.myLeases.map((l, i) => (
            <tr key={l.id}>
              <th scope="row">{l.reference ?? l.id}</th>
              <td>{l.tenantName ?? '—'}</td>
              <td>
                <Field refusals={refusals} path={['myLeases', i, 'beneficiary', 'firstName']}>
                  {l.beneficiary.firstName ?? '—'}
                </Field>
              </td>
              <td className="num">{formatEuros((l.rentCents ?? 0) + (l.chargesCents ?? 0))}</td>
              <td>
                {l.rentArrears?.unpaidMonths?.length
                  ? `${l.rentArrears.unpaidMonths.map(formatMonth).join(', ')} — ${formatEuros(l.rentArrears.amountDueCents)}${l.rentArrears.alert ? ' (alerte L271-5)' : ''}`
                  : 'aucun'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          const cents = parseEuros(due);
          const list = months
            .split(/[\s,;]+/)
            .map((m) => m.trim())
            .filter(Boolean);
          if (cents === undefined || !list.length) {
            setDone('Indiquez les mois (AAAA-MM) et le montant dû.');
            return;
          }
          void declare({ input: { leaseId: lease, months: list, amountDueCents: cents } }).then((res) =>
            setDone(res.data ? `Impayé déclaré pour ${list.map(formatMonth).join(', ')}.` : undefined),
          );
        }}
      >
        <h3>Déclarer un impayé</h3>
        <label htmlFor="arrears-lease">Bail</label>
        <select id="arrears-lease" value={lease} onChange={(e) => setLease(e.target.value)}>
          {data.myLeases.map((l) => (
            <option key={l.id} value={l.id}>
              {l.reference ?? l.id}
            </option>
          ))}
        </select>
        <label htmlFor="arrears-months">Mois impayés (AAAA-MM, séparés par des virgules)</label>
        <input id="arrears-months" value={months} onChange={(e) => setMonths(e.target.value)} />
        <label htmlFor="arrears-due">Montant dû (euros)</label>
        <input id="arrears-due" inputMode="decimal" value={due} onChange={(e) => setDue(e.target.value)} />
        <button type="submit" disabled={state.fetching}>
          Déclarer
        </button>
        <RefusalBox refusals={refusalsOf(state.error)} />
        {done ? <p role="status">{done}</p> : null}
      </form>
    </section>
  );
}
