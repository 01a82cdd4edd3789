import 'reflect-metadata';
import { runSubgraph } from '../kit/run-subgraph';
import { bailleur } from './definition';

void runSubgraph(bailleur);
