import 'reflect-metadata';
import { runSubgraph } from '../kit/run-subgraph';
import { mandataire } from './definition';

void runSubgraph(mandataire);
