import { Foundation1764500000000 } from '../../migrations/1764500000000-Foundation';

/** Every migration in order; add new ones at the end. */
export const MIGRATIONS = [Foundation1764500000000];
