import { registerEnumType } from 'type-graphql';

/** MASP levels (CASF L271-1…5): 1 simple, 2 with management of benefits, 3 direct payment to the landlord ordered by a judge. */
export enum MeasureLevel {
  MASP_1 = 'MASP_1',
  MASP_2 = 'MASP_2',
  MASP_3 = 'MASP_3',
}
registerEnumType(MeasureLevel, { name: 'MeasureLevel', description: 'MASP level (CASF L271-1…5).' });

export enum MeasureStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(MeasureStatus, { name: 'MeasureStatus' });
