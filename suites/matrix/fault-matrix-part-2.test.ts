import { faultMatrixPart } from './fault-matrix.ts';

faultMatrixPart(1, 2);
