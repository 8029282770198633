// Disjoint sets of numbers (column uids joined by equalities): join two sets, name a number's set.

export class UnionFind {
  private readonly parent = new Map<number, number>();

  /** The representative of x's set (x itself until it is joined with another). */
  find(x: number): number {
    let r = x;
    for (let p = this.parent.get(r); p !== undefined && p !== r; p = this.parent.get(r)) r = p;
    if (r !== x) this.parent.set(x, r);
    return r;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}
