import type { Client } from 'pg';

/** Column lists per table, in insert order (parents before children). */
export type ColumnMap = Record<string, readonly string[]>;

/** Rows collected in memory for multi-row INSERTs, one list per table, values in the column order of the map. */
export class SeedRows<C extends ColumnMap> {
  private readonly byTable = new Map<keyof C, unknown[][]>();

  constructor(readonly columns: C) {}

  add<T extends keyof C & string>(table: T, row: Record<C[T][number], unknown>): void {
    const list = this.byTable.get(table) ?? [];
    list.push(this.columns[table].map((c) => (row as Record<string, unknown>)[c] ?? null));
    this.byTable.set(table, list);
  }

  get(table: keyof C): unknown[][] {
    return this.byTable.get(table) ?? [];
  }

  count(table: keyof C): number {
    return this.get(table).length;
  }

  /** Inserts every table in the map's order with parameterised multi-row INSERTs on the caller's connection. */
  async insertAll(client: Client): Promise<void> {
    for (const table of Object.keys(this.columns)) {
      const columns = this.columns[table];
      const list = this.get(table);
      // PostgreSQL takes at most 65 535 parameters a statement.
      const batch = Math.max(1, Math.floor(30_000 / columns.length));
      for (let i = 0; i < list.length; i += batch) {
        const params: unknown[] = [];
        const tuples = list.slice(i, i + batch).map((row) => `(${row.map((v) => {
          params.push(v);
          return `$${params.length}`;
        }).join(',')})`);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(',')}`, params);
      }
    }
  }
}
