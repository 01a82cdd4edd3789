export { Beneficiary } from './beneficiary.entity';
export { Measure } from './measure.entity';
export { Delegation } from './delegation.entity';
export { MajNotice } from './maj-notice.entity';
export { MeasureLevel, MeasureStatus } from './enums';
