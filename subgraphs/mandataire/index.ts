import 'reflect-metadata';
import { runSubgraph } from '../kit/server/run-subgraph';
import { mandataire } from './definition';

void runSubgraph(mandataire);
