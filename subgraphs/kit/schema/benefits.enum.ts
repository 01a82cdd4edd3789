import { registerEnumType } from 'type-graphql';
import { BenefitKind, BenefitPurpose, BenefitTier } from '../../../schema/benefits';

/** Registered once for every subgraph: composition needs the same enum, value for value, wherever it appears. */
registerEnumType(BenefitKind, { name: 'BenefitKind', description: 'A benefit of the CASF D271-2 list.' });
registerEnumType(BenefitTier, {
  name: 'BenefitTier',
  description: 'D271-2 core list (1°–17°) or extension (18°–29°).',
});
registerEnumType(BenefitPurpose, {
  name: 'BenefitPurpose',
  description: 'What an earmarked benefit must be spent on.',
});

export { BenefitKind, BenefitPurpose, BenefitTier };
