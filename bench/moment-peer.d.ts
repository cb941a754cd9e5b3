// Types for the peer library, which ships none: it adds working-time methods to moment's prototype.
import 'moment';

declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: 'minutes'): Moment;
    workingDiff(other: Moment, unit: 'minutes', precise: true): number;
  }
}

declare module 'moment-business-time';
