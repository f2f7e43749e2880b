export * from './roles';
export * from './marks';
export * from './roster';
export * from './federal-plan';
