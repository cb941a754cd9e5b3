export * from './what-if';
export * from './templates';
