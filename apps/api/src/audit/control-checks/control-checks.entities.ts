/** Entities of control checks (R-AUD-05). */
export const CONTROL_CHECK_ENTITIES: Function[] = [];
