/** OpenAPI texts shared by the diary's routes (R-API-01). */
export const SCOPE_NOTE = 'Scope (R-DIA-07): a parent — own children; an interested person — the designated child while the designation lasts; '
  + 'a student — themself; staff preview: director, deputy, admin — any student of the school, a class teacher — their class, a teacher — classes '
  + 'they teach; an integration token with diary:read — its school. Anything else, or an unknown id, answers 404.';
export const IF_NONE_MATCH = { name: 'If-None-Match', required: false, description: 'The ETag of an earlier answer: 304 when nothing changed' };
export const NOT_MODIFIED = { status: 304, description: 'Not modified since the ETag given in If-None-Match' };
