export * from './what-if';
export * from './templates';
export * from './diff';
