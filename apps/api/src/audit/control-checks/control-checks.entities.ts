/**
 * Entities of control checks (R-AUD-05): none — control_checks, control_remarks and control_remark_events are read and written with
 * plain SQL (apps/api/src/audit/control-checks/control-checks.service.ts); the tables come from the ControlChecks migration.
 */
export const CONTROL_CHECK_ENTITIES: (new () => object)[] = [];
