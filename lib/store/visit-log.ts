/**
 * A visit's stored evidence held in memory in the form the store holds it: the entries of its packed parts and
 * the rows written since. Each batch's rows are the rows the store now holds (lib/store/repo.ts writeBatch), so
 * setting them here keeps the copy equal to the store, and a large visit is derived again without reading tens
 * of thousands of entries back (at 50k entries the read took six times as long as the derivation). Packing
 * changes the store's form: the background drops a visit's copy before packing it (compact.ts).
 */
import type { PageVisit } from '../findings';
import type { EvidenceEntry } from '../evidence/types';
import { foldVisit } from './pack';

/** A visit with its evidence as the store reads it, and whether it has rows still to pack. */
export interface VisitLog {
  visit: PageVisit;
  entries: EvidenceEntry[];
  loose: boolean;
}

/** Copies made so far: each copy's number names it without holding it. */
let made = 0;

export class VisitLogCopy {
  /** Which copy this is (a derivation records it, not the copy, so an evicted copy is not kept alive). */
  readonly serial = ++made;
  private readonly packed: Map<string, EvidenceEntry>;
  private readonly rows = new Map<string, EvidenceEntry>();
  /** The rows' ids in key order, kept until a row with a new id comes (sorting 50k ids took most of a fold). */
  private order: string[] | null = null;
  /** Ids of the rows taken in since the last snapshot, and how many snapshots were taken. */
  private written = new Set<string>();
  private snapshots = 0;

  /**
   * `visit` is the visit row without the store's bookkeeping (repo.ts publicRow); `loose` says whether it has
   * rows still to pack.
   */
  constructor(
    public visit: PageVisit,
    packed: readonly EvidenceEntry[],
    rows: readonly EvidenceEntry[],
    public loose: boolean,
    /** How many packed parts the store held: with rowCount, what a cheap check compares (derived.ts). */
    readonly parts = 0,
  ) {
    this.packed = new Map(packed.map((e) => [e.id, e]));
    this.setRows(rows);
  }

  /** How many rows the store holds for the visit, if nothing but the batches taken in wrote any. */
  get rowCount(): number {
    return this.rows.size;
  }

  /** Rows as the store now holds them: each replaces the row with its id. */
  setRows(rows: readonly EvidenceEntry[]): void {
    for (const r of rows) {
      if (!this.rows.has(r.id)) this.order = null;
      this.rows.set(r.id, r);
    }
  }

  /**
   * What one batch wrote (writeBatch): this visit's rows, and its row if rewritten. A batch that touches the
   * visit also clears its cached summary and marks it as having rows to pack, as writeBatch does in the store.
   */
  takeIn(written: { entries: readonly EvidenceEntry[]; visits: readonly PageVisit[] }): void {
    const id = this.visit.id;
    const rows = written.entries.filter((e) => e.visitId === id);
    const row = written.visits.find((v) => v.id === id);
    if (!rows.length && !row) return;
    this.setRows(rows);
    for (const r of rows) this.written.add(r.id);
    const { summary: _s, loose: _l, touchedAt: _t, packedBytes: _p, ...visit } = row ?? this.visit;
    this.visit = visit;
    this.loose = true;
  }

  /** The visit's evidence as the store reads it: foldVisit with the rows in key order (by id, as IndexedDB). */
  entries(): EvidenceEntry[] {
    this.order ??= [...this.rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return foldVisit(
      this.packed,
      this.order.map((id) => this.rows.get(id)!),
    );
  }

  /** The visit, its evidence and whether it has rows still to pack, as getVisitLog answers. */
  log(): VisitLog {
    return { visit: this.visit, entries: this.entries(), loose: this.loose };
  }

  /**
   * The log, with the ids of the rows taken in since the previous snapshot and this snapshot's number: a
   * derivation of snapshot n − 1 plus those rows is one of snapshot n (lib/evidence/derive.ts deriveVisitUpdate).
   */
  snapshot(): { log: VisitLog; written: ReadonlySet<string>; number: number } {
    const written = this.written;
    this.written = new Set();
    return { log: this.log(), written, number: ++this.snapshots };
  }
}
