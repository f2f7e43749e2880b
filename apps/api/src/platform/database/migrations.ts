import { Foundation1764500000000 } from '../../migrations/1764500000000-Foundation';
import { Curriculum1764600000000 } from '../../migrations/1764600000000-Curriculum';
import { Journal1764700000000 } from '../../migrations/1764700000000-Journal';

/** Every migration in order; add new ones at the end. */
export const MIGRATIONS = [Foundation1764500000000, Curriculum1764600000000, Journal1764700000000];
