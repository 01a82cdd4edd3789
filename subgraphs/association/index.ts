import 'reflect-metadata';
import { runSubgraph } from '../kit/server/run-subgraph';
import { association } from './definition';

void runSubgraph(association);
