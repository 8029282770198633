import type { FieldType } from '../types/field-type.js';
import { rowKeyFn } from '../expression/value-compare.js';
import type { Row } from '../types/value.js';
import { BATCH_SIZE, type ExecContext, Executor } from './executor.js';

/** UNION ALL: the children's rows in order. */
export class UnionAllExec extends Executor {
  private current = 0;
  async next(): Promise<Row[] | null> {
    while (this.current < this.children.length) {
      const b = await this.children[this.current]!.next();
      if (b) return b;
      this.current++;
    }
    return null;
  }
}

/** INTERSECT / EXCEPT [ALL] over the children's rows, compared as MySQL compares them in DISTINCT. */
export class IntersectExceptExec extends Executor {
  private out: Row[] | null = null;
  private pos = 0;
  constructor(
    ctx: ExecContext,
    children: Executor[],
    private readonly op: 'intersect' | 'except' | 'intersectAll' | 'exceptAll',
    private readonly types: readonly FieldType[],
  ) {
    super(ctx, children);
  }

  async next(): Promise<Row[] | null> {
    if (!this.out) this.out = await this.compute();
    if (this.pos >= this.out.length) return null;
    const b = this.out.slice(this.pos, this.pos + BATCH_SIZE);
    this.pos += b.length;
    return b;
  }

  private async compute(): Promise<Row[]> {
    const key = rowKeyFn(this.types);
    const right = new Map<string | number, number>();
    for (let b = await this.children[1]!.next(); b; b = await this.children[1]!.next()) {
      for (const r of b) {
        const k = key(r);
        right.set(k, (right.get(k) ?? 0) + 1);
      }
    }
    const all = this.op === 'intersectAll' || this.op === 'exceptAll';
    const intersect = this.op.startsWith('intersect');
    const seen = new Set<string | number>();
    const out: Row[] = [];
    for (let b = await this.children[0]!.next(); b; b = await this.children[0]!.next()) {
      for (const r of b) {
        const k = key(r);
        const n = right.get(k) ?? 0;
        if (all) {
          if (intersect ? n > 0 : n === 0) out.push(r);
          if (n > 0) right.set(k, n - 1);
          continue;
        }
        if (seen.has(k)) continue;
        if (intersect ? n > 0 : n === 0) {
          seen.add(k);
          out.push(r);
        }
      }
    }
    return out;
  }
}
