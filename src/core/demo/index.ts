export * from './reference';
export * from './tickets';
export { DEMO_CATEGORIES, DEMO_TEMPLATES, type DemoCategory } from './texts';
export { DemoRandom } from './random';
