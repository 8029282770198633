// A seeded TPC-H data generator following the specification's distributions (clause 4.2.3).
// Each table draws from its own random stream, so the same (scale factor, seed) always yields the same rows.
import { Rng, streamSeed } from './random.js';
import { TextPool } from './text.js';
import {
  COLORS,
  CONTAINER_S1,
  CONTAINER_S2,
  INSTRUCTIONS,
  MODES,
  NATIONS,
  PRIORITIES,
  REGIONS,
  SEGMENTS,
  TYPE_S1,
  TYPE_S2,
  TYPE_S3,
} from './words.js';

/** How a column's values are written as SQL literals: ints and decimals bare, strings and dates quoted. */
export type ColumnKind = 'int' | 'dec' | 'str' | 'date';
export type TpchValue = number | string;

export interface TpchTable {
  name: string;
  columns: string[];
  kinds: ColumnKind[];
  rows: TpchValue[][];
}

const DAY_MS = 86_400_000;
const START_DATE = Date.UTC(1992, 0, 1) / DAY_MS;
const END_DATE = Date.UTC(1998, 11, 31) / DAY_MS;
const CURRENT_DATE = Date.UTC(1995, 5, 17) / DAY_MS;

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Cents to a DECIMAL(15,2) literal. */
function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

function digits9(n: number): string {
  return String(n).padStart(9, '0');
}

function phone(rng: Rng, nation: number): string {
  return `${nation + 10}-${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(1000, 9999)}`;
}

/** Random alphanumeric address of length in [10, 40] (the spec's V-string). */
function vstring(rng: Rng, min: number, max: number): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,';
  const len = rng.int(min, max);
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

/** Rows per table at a scale factor (lineitem varies: 1 to 7 lines per order). */
export function tpchBaseCounts(sf: number): Record<string, number> {
  const scaled = (n: number) => Math.max(1, Math.round(n * sf));
  const part = scaled(200_000);
  return {
    region: 5,
    nation: 25,
    part,
    supplier: scaled(10_000),
    partsupp: part * 4,
    customer: scaled(150_000),
    orders: scaled(1_500_000),
  };
}

function retailCents(partkey: number): number {
  return 90_000 + (Math.floor(partkey / 10) % 20_001) + 100 * (partkey % 1000);
}

/** The i-th (0..3) supplier of a part (clause 4.2.3, PS_SUPPKEY). */
function partSupplier(partkey: number, i: number, suppliers: number): number {
  return ((partkey + i * (Math.floor(suppliers / 4) + Math.floor((partkey - 1) / suppliers))) % suppliers) + 1;
}

/** Order keys are sparse: the first 8 of every 32 keys. */
function orderKey(index: number): number {
  return Math.floor(index / 8) * 32 + (index % 8) + 1;
}

/** All eight tables in load order (region, nation, part, supplier, partsupp, customer, orders, lineitem). */
export function generateTpch(sf: number, seed = 1): TpchTable[] {
  if (!(sf > 0)) throw new Error(`scale factor must be positive, got ${sf}`);
  const counts = tpchBaseCounts(sf);
  const pool = new TextPool(streamSeed(seed, 0));
  const table = (name: string, spec: string): TpchTable => {
    const cols = spec.split(' ').map((c) => c.split(':'));
    return { name, columns: cols.map((c) => c[0]), kinds: cols.map((c) => c[1] as ColumnKind), rows: [] };
  };

  const region = table('region', 'r_regionkey:int r_name:str r_comment:str');
  let rng = new Rng(streamSeed(seed, 1));
  for (const [key, name] of REGIONS.entries()) region.rows.push([key, name, pool.text(rng, 31, 115)]);

  const nation = table('nation', 'n_nationkey:int n_name:str n_regionkey:int n_comment:str');
  rng = new Rng(streamSeed(seed, 2));
  for (const [key, [name, reg]] of NATIONS.entries()) nation.rows.push([key, name, reg, pool.text(rng, 31, 114)]);

  const part = table(
    'part',
    'p_partkey:int p_name:str p_mfgr:str p_brand:str p_type:str p_size:int p_container:str p_retailprice:dec p_comment:str',
  );
  rng = new Rng(streamSeed(seed, 3));
  for (let pk = 1; pk <= counts.part; pk++) {
    const words = new Set<string>();
    while (words.size < 5) words.add(rng.pick(COLORS));
    const m = rng.int(1, 5);
    part.rows.push([
      pk,
      [...words].join(' '),
      `Manufacturer#${m}`,
      `Brand#${m}${rng.int(1, 5)}`,
      `${rng.pick(TYPE_S1)} ${rng.pick(TYPE_S2)} ${rng.pick(TYPE_S3)}`,
      rng.int(1, 50),
      `${rng.pick(CONTAINER_S1)} ${rng.pick(CONTAINER_S2)}`,
      money(retailCents(pk)),
      pool.text(rng, 5, 22),
    ]);
  }

  const supplier = table(
    'supplier',
    's_suppkey:int s_name:str s_address:str s_nationkey:int s_phone:str s_acctbal:dec s_comment:str',
  );
  rng = new Rng(streamSeed(seed, 4));
  const marked = Math.max(1, Math.round(sf * 5));
  const complaints = new Set<number>();
  const recommends = new Set<number>();
  while (complaints.size < Math.min(marked, counts.supplier)) complaints.add(rng.int(1, counts.supplier));
  while (recommends.size < Math.min(marked, counts.supplier - complaints.size)) {
    const k = rng.int(1, counts.supplier);
    if (!complaints.has(k)) recommends.add(k);
  }
  for (let sk = 1; sk <= counts.supplier; sk++) {
    const nk = rng.int(0, 24);
    let comment = pool.text(rng, 25, 100);
    const tag = complaints.has(sk) ? 'Complaints' : recommends.has(sk) ? 'Recommends' : '';
    if (tag) {
      // Clause 4.2.3: "Customer" then later "Complaints"/"Recommends" placed inside the comment.
      const at = rng.int(0, Math.max(0, comment.length - 30));
      comment = `${comment.slice(0, at)}Customer ${pool.text(rng, 1, 8)} ${tag}${comment.slice(at + 21 + tag.length)}`;
      comment = comment.slice(0, 100);
    }
    supplier.rows.push([
      sk,
      `Supplier#${digits9(sk)}`,
      vstring(rng, 10, 40),
      nk,
      phone(rng, nk),
      money(rng.int(-99_999, 999_999)),
      comment,
    ]);
  }

  const partsupp = table('partsupp', 'ps_partkey:int ps_suppkey:int ps_availqty:int ps_supplycost:dec ps_comment:str');
  rng = new Rng(streamSeed(seed, 5));
  for (let pk = 1; pk <= counts.part; pk++) {
    for (let i = 0; i < 4; i++) {
      partsupp.rows.push([
        pk,
        partSupplier(pk, i, counts.supplier),
        rng.int(1, 9999),
        money(rng.int(100, 100_000)),
        pool.text(rng, 49, 198),
      ]);
    }
  }

  const customer = table(
    'customer',
    'c_custkey:int c_name:str c_address:str c_nationkey:int c_phone:str c_acctbal:dec c_mktsegment:str c_comment:str',
  );
  rng = new Rng(streamSeed(seed, 6));
  for (let ck = 1; ck <= counts.customer; ck++) {
    const nk = rng.int(0, 24);
    customer.rows.push([
      ck,
      `Customer#${digits9(ck)}`,
      vstring(rng, 10, 40),
      nk,
      phone(rng, nk),
      money(rng.int(-99_999, 999_999)),
      rng.pick(SEGMENTS),
      pool.text(rng, 29, 116),
    ]);
  }

  const orders = table(
    'orders',
    'o_orderkey:int o_custkey:int o_orderstatus:str o_totalprice:dec o_orderdate:date o_orderpriority:str ' +
      'o_clerk:str o_shippriority:int o_comment:str',
  );
  const lineitem = table(
    'lineitem',
    'l_orderkey:int l_partkey:int l_suppkey:int l_linenumber:int l_quantity:dec l_extendedprice:dec ' +
      'l_discount:dec l_tax:dec l_returnflag:str l_linestatus:str l_shipdate:date l_commitdate:date ' +
      'l_receiptdate:date l_shipinstruct:str l_shipmode:str l_comment:str',
  );
  rng = new Rng(streamSeed(seed, 7));
  const clerks = Math.max(1, Math.round(sf * 1000));
  for (let i = 0; i < counts.orders; i++) {
    const ok = orderKey(i);
    let ck = rng.int(1, counts.customer);
    // Every third customer places no orders (clause 4.2.3, O_CUSTKEY).
    while (ck % 3 === 0 && counts.customer > 2) ck = rng.int(1, counts.customer);
    const orderDate = rng.int(START_DATE, END_DATE - 151);
    const lines = rng.int(1, 7);
    let total = 0;
    let shipped = 0;
    for (let ln = 1; ln <= lines; ln++) {
      const pk = rng.int(1, counts.part);
      const qty = rng.int(1, 50);
      const ext = qty * retailCents(pk);
      const disc = rng.int(0, 10);
      const tax = rng.int(0, 8);
      const ship = orderDate + rng.int(1, 121);
      const commit = orderDate + rng.int(30, 90);
      const receipt = ship + rng.int(1, 30);
      const status = ship > CURRENT_DATE ? 'O' : 'F';
      if (status === 'F') shipped++;
      total += Math.round((ext * (100 - disc) * (100 + tax)) / 10_000);
      lineitem.rows.push([
        ok,
        pk,
        partSupplier(pk, rng.int(0, 3), counts.supplier),
        ln,
        `${qty}.00`,
        money(ext),
        money(disc),
        money(tax),
        receipt <= CURRENT_DATE ? rng.pick(['R', 'A']) : 'N',
        status,
        isoDate(ship),
        isoDate(commit),
        isoDate(receipt),
        rng.pick(INSTRUCTIONS),
        rng.pick(MODES),
        pool.text(rng, 10, 43),
      ]);
    }
    orders.rows.push([
      ok,
      ck,
      shipped === lines ? 'F' : shipped === 0 ? 'O' : 'P',
      money(total),
      isoDate(orderDate),
      rng.pick(PRIORITIES),
      `Clerk#${digits9(rng.int(1, clerks))}`,
      0,
      pool.text(rng, 19, 78),
    ]);
  }
  return [region, nation, part, supplier, partsupp, customer, orders, lineitem];
}

/** A value as an SQL literal of its column kind. */
export function sqlLiteral(v: TpchValue, kind: ColumnKind): string {
  return kind === 'int' || kind === 'dec' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
}

/** Multi-row INSERT statements of at most `batch` rows each. */
export function* insertStatements(t: TpchTable, batch = 500): Generator<string> {
  for (let i = 0; i < t.rows.length; i += batch) {
    const values = t.rows
      .slice(i, i + batch)
      .map((r) => `(${r.map((v, j) => sqlLiteral(v, t.kinds[j])).join(',')})`)
      .join(',');
    yield `INSERT INTO ${t.name} VALUES ${values}`;
  }
}
