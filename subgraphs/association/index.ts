import 'reflect-metadata';
import { runSubgraph } from '../kit/run-subgraph';
import { association } from './definition';

void runSubgraph(association);
