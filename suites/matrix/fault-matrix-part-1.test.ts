import { faultMatrixPart } from './fault-matrix.ts';

faultMatrixPart(0, 2);
