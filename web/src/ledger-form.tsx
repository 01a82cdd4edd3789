import { useState } from 'react';
import type { CombinedError } from 'urql';
import { refusalsOf } from './client';
import { parseEuros } from './csv';
import { RefusalBox, today } from './ui';

/** An entry of a managed account as the form collects it: the amount in cents, the label trimmed ('' when none). */
export interface LedgerEntry {
  kind: string;
  amountCents: number;
  label: string;
  on: string;
  /** The benefit received, for the kind that needs one (`benefitKind` of the form). */
  benefit?: string;
}

/**
 * The form that records an entry on an account the partner manages for a person: the délégataire's ledger
 * (association) and the MJPM's account (mandataire). Nature, the benefit for a benefit receipt (among those the
 * measure manages), amount in euros, label, date. `save` sends the entry (the page's mutation); once it is recorded
 * (data in the answer) the form empties and `onSaved` runs; a refusal (`error`) is shown under the form.
 */
export function LedgerEntryForm(props: {
  /** Prefix of the fields' ids (one form per page). */
  id: string;
  title: string;
  submit: string;
  kinds: readonly (readonly [string, string])[];
  /** The kind that needs a benefit, and that field's label. */
  benefitKind: string;
  benefitLabel: string;
  benefits: readonly string[];
  /** Whether the label is required (else sent only when given), and the message when the input is incomplete. */
  labelRequired: boolean;
  incomplete: string;
  fetching: boolean;
  error: CombinedError | undefined;
  save(entry: LedgerEntry): Promise<{ data?: unknown }>;
  onSaved(): void;
}) {
  const [kind, setKind] = useState<string>(props.kinds[0][0]);
  const [amount, setAmount] = useState('');
  const [text, setText] = useState('');
  const [on, setOn] = useState(today());
  const [problem, setProblem] = useState<string>();
  const [chosen, setChosen] = useState<string>('');
  const benefit = chosen || props.benefits[0] || '';
  const field = (name: string) => `${props.id}-${name}`;
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        const cents = parseEuros(amount);
        if (cents === undefined || (props.labelRequired && !text.trim())) {
          setProblem(props.incomplete);
          return;
        }
        setProblem(undefined);
        const entry = { kind, amountCents: cents, label: text.trim(), on };
        void props.save(kind === props.benefitKind ? { ...entry, benefit } : entry).then((res) => {
          if (!res.data) return;
          setAmount('');
          setText('');
          props.onSaved();
        });
      }}
    >
      <h3>{props.title}</h3>
      <label htmlFor={field('kind')}>Nature</label>
      <select id={field('kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
        {props.kinds.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
      {kind === props.benefitKind ? (
        <>
          <label htmlFor={field('benefit')}>{props.benefitLabel}</label>
          <select id={field('benefit')} value={benefit} onChange={(e) => setChosen(e.target.value)}>
            {props.benefits.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label htmlFor={field('amount')}>Montant (euros)</label>
      <input id={field('amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      <label htmlFor={field('label')}>Libellé</label>
      <input id={field('label')} value={text} onChange={(e) => setText(e.target.value)} />
      <label htmlFor={field('date')}>Date</label>
      <input id={field('date')} type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      <button type="submit" disabled={props.fetching}>
        {props.submit}
      </button>
      {problem ? <p role="alert">{problem}</p> : null}
      <RefusalBox refusals={refusalsOf(props.error)} />
    </form>
  );
}
