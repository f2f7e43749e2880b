import { DomainError } from '../../platform/errors/domain-errors';

/** One item a write touched that the edit policy refused (R-JRN-05). */
export interface DeniedItem {
  /** Where in the request: `marks.upsert[2]`, `attendance[0]`, `topic`, `homework`. */
  field: string;
  item: string;
  reason: string;
  editableUntil: string | null;
  needsChangeRequest: boolean;
}

/**
 * R-JRN-05 / R-JRN-06: a write outside its edit window — 403 `/problems/edit-window-closed` naming every refused item and whether a
 * change request is the way to make the change. Nothing of the request is written.
 */
export class EditWindowClosed extends DomainError {
  readonly status = 403;
  readonly type = '/problems/edit-window-closed';
  readonly title = 'Edit window closed';
  constructor(readonly items: DeniedItem[]) {
    super(`Outside the edit window: ${items.map((i) => `${i.field} (${i.reason}${i.editableUntil ? `, until ${i.editableUntil}` : ''})`).join('; ')}`,
      { items, needsChangeRequest: items.some((i) => i.needsChangeRequest) });
  }
}
