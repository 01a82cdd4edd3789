import 'reflect-metadata';
import { runSubgraph } from '../kit/server/run-subgraph';
import { department } from './definition';

void runSubgraph(department);
