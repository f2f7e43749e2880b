import { v7 } from 'uuid';

/** Time-ordered UUID (v7) generated in the app (DESIGN: IDs). */
export const newId = (): string => v7();
