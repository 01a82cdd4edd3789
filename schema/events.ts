/**
 * The facts that travel between partners: each is recorded by the partner that holds its legal source, written in
 * that partner's own transaction (a transactional outbox, subgraphs/kit/events/outbox.ts) and delivered at least once
 * to each partner that must learn it, which applies it once (subgraphs/kit/events/inbox.ts). Like the supergraph, this
 * file is the contract between the partners: a type, its payload, who produces it and who consumes it.
 */

export type PartnerName = 'department' | 'association' | 'bailleur' | 'mandataire';

/** Dates are ISO `YYYY-MM-DD`; amounts are euro cents. */
export interface PartnerEvents {
  /** CASF L271-3: the département delegates a MASP 2 to a délégataire under a convention. */
  'delegation.granted': {
    delegationId: string;
    measureId: string;
    beneficiaryId: string;
    associationOrgId: string;
    startsOn: string;
    endsOn: string;
    managedBenefits: string[];
    /** The day (exclusive) the délégataire stops reaching its file: endsOn + the département's closing window. */
    reachEndsOn: string;
  };
  /** The delegation ends (term of the contract, withdrawal, end of the convention). */
  'delegation.ended': {
    delegationId: string;
    measureId: string;
    beneficiaryId: string;
    endsOn: string;
    reason: string;
    /** The day (exclusive) the délégataire stops reaching its file: endsOn + the département's closing window. */
    reachEndsOn: string;
  };
  /** CASF L271-2: an avenant changes the benefits the contract manages (the delegated file follows). */
  'contract.benefits-changed': {
    measureId: string;
    beneficiaryId: string;
    managedBenefits: string[];
    effectiveOn: string;
  };
  /** C. civ. 495-2 / CASF L271-6: the département's notice to a mandataire service of a MAJ request. */
  'maj-notice.recorded': {
    noticeId: string;
    beneficiaryId: string;
    mandataireOrgId: string;
    startsOn: string;
    /** The term the judgment fixed (C. civ. 495-8): the first day without the MAJ, unless renewed. */
    endsOn: string;
    judgmentOn: string | null;
    court: string | null;
    reference: string | null;
  };
  /** The notice closes (MAJ ended, tutelle or curatelle opened, request dismissed). */
  'maj-notice.closed': {
    noticeId: string;
    beneficiaryId: string;
    mandataireOrgId: string;
    endsOn: string;
    reason: string;
  };
  /** C. civ. 495-1: a tutelle or curatelle excludes the MAJ; whoever records one tells the other. */
  'protection.recorded': {
    beneficiaryId: string;
    kind: string;
    startsOn: string;
    /** The first day without it (exclusive), null while open-ended. */
    endsOn: string | null;
    /** The producer's id of the measure: the consumer keeps it under the same id (applied once). */
    protectionId: string;
  };
  /** C. civ. 495-8: the MAJ the judge ordered, with the term the judgment fixed (sent again with each renewal). */
  'maj.recorded': { majId: string; noticeId: string; beneficiaryId: string; startsOn: string; endsOn: string };
  'maj.ended': { majId: string; beneficiaryId: string; endsOn: string; reason: string };
  /** A lease of a person of the département's register, as its landlord recorded it. */
  'lease.recorded': {
    leaseId: string;
    beneficiaryId: string;
    landlordOrgId: string;
    reference: string;
    rentCents: number;
    chargesCents: number;
    startsOn: string;
    endsOn: string | null;
  };
  'lease.ended': { leaseId: string; beneficiaryId: string; landlordOrgId: string; endsOn: string };
  /** The département relays to the MJPM the leases of a person under MAJ it serves. */
  'lease.known': {
    leaseId: string;
    beneficiaryId: string;
    landlordOrgId: string;
    mandataireOrgId: string;
    startsOn: string;
    endsOn: string | null;
  };
  /** CASF L271-5: two months of rent unpaid, or a landlord's declaration of arrears, from the landlord's records. */
  'arrears.reached': {
    leaseId: string;
    beneficiaryId: string;
    landlordOrgId: string;
    unpaidMonths: string[];
    declarationId: string | null;
  };
  /** A direct payment of rent decided (contract L271-2, or judgment L271-5), to the landlord who receives it. */
  'payment-order.decided': {
    orderId: string;
    basis: string;
    leaseId: string;
    beneficiaryId: string;
    landlordOrgId: string;
    monthlyAmountCents: number;
    startsOn: string;
    endsOn: string | null;
    judgmentId: string | null;
    /** The organisation that pays the landlord (on a judgment: the paying body the judge ordered). */
    payerOrgId: string;
  };
  'payment-order.ended': {
    orderId: string;
    beneficiaryId: string;
    landlordOrgId: string;
    endsOn: string;
    reason: string;
  };
}

export type EventType = keyof PartnerEvents;

/** Who produces each fact and who must learn it. */
export const EVENT_ROUTES: { readonly [T in EventType]: { from: PartnerName; to: readonly PartnerName[] } } = {
  'delegation.granted': { from: 'department', to: ['association'] },
  'delegation.ended': { from: 'department', to: ['association'] },
  'contract.benefits-changed': { from: 'department', to: ['association'] },
  'maj-notice.recorded': { from: 'department', to: ['mandataire'] },
  'maj-notice.closed': { from: 'department', to: ['mandataire'] },
  'protection.recorded': { from: 'department', to: ['mandataire'] },
  'maj.recorded': { from: 'mandataire', to: ['department'] },
  'maj.ended': { from: 'mandataire', to: ['department'] },
  'lease.recorded': { from: 'bailleur', to: ['department'] },
  'lease.ended': { from: 'bailleur', to: ['department'] },
  'lease.known': { from: 'department', to: ['mandataire'] },
  'arrears.reached': { from: 'bailleur', to: ['department'] },
  'payment-order.decided': { from: 'department', to: ['bailleur'] },
  'payment-order.ended': { from: 'department', to: ['bailleur'] },
};

/**
 * Facts produced by more than one partner (a protection recorded by the mandataire goes to the département): the
 * extra routes, checked by the consumer like the main ones.
 */
export const EXTRA_ROUTES: readonly { type: EventType; from: PartnerName; to: readonly PartnerName[] }[] = [
  { type: 'protection.recorded', from: 'mandataire', to: ['department'] },
];

/** One fact on the wire: what the producer signs and the consumer applies once (by `id`). */
export interface PartnerEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  producer: PartnerName;
  occurredAt: string;
  data: PartnerEvents[T];
}

/** The partners that consume `type` when `producer` publishes it. */
export function consumersOf(type: EventType, producer: PartnerName): readonly PartnerName[] {
  const main = EVENT_ROUTES[type];
  const extra = EXTRA_ROUTES.filter((r) => r.type === type && r.from === producer).flatMap((r) => r.to);
  return [...(main.from === producer ? main.to : []), ...extra];
}
