import 'reflect-metadata';
import { runSubgraph } from '../kit/run-subgraph';
import { department } from './definition';

void runSubgraph(department);
