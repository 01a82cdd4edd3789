import 'reflect-metadata';
import { runSubgraph } from '../kit/server/run-subgraph';
import { bailleur } from './definition';

void runSubgraph(bailleur);
