export * from './deadline-heap';
export * from './scheduler';
