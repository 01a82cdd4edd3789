import { association } from './association/definition';
import { bailleur } from './bailleur/definition';
import { department } from './department/definition';
import { mandataire } from './mandataire/definition';

/** The four subgraphs, in the order they are composed and started. */
export const SUBGRAPHS = [department, association, bailleur, mandataire] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
