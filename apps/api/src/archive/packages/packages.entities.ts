/** Entities of year closing, archive items and disposal (R-ARC-01 … R-ARC-04, R-ARC-07). */
export const PACKAGE_ENTITIES: Function[] = [];
