// Figures worth a second look before they are stored: far larger than a body of this kind reports,
// or more than ten times last year's. Not errors — the person confirms and the figure stands — but a
// typing slip (an extra 0, 元 taken for 万元) is caught when it is made, not by a reviewer later.
import type { CellDef, OrgKind } from '../../forms';
import { getCell } from '../../forms/model';
import type { DraftReport } from './draft';

/** Largest figure usual for a body's own level, per table (amounts in 万元). */
const USUAL: Record<'local' | 'county' | 'wide', { s2: number; s3: number; s4: number; amount: number }> = {
  // Townships and subdistricts: a few hundred applications would already be exceptional.
  local: { s2: 20_000, s3: 1_000, s4: 200, amount: 1_000 },
  // County governments and departments.
  county: { s2: 500_000, s3: 20_000, s4: 2_000, amount: 100_000 },
  // City and provincial governments (a city of 5 million: 4 million 行政处罚 decisions in a year).
  wide: { s2: 50_000_000, s3: 200_000, s4: 20_000, amount: 10_000_000 },
};
const levelOf = (kind: OrgKind) =>
  kind === 'township' || kind === 'subdistrict'
    ? 'local'
    : kind === 'province' || kind === 'city'
      ? 'wide'
      : 'county';

export type Doubt = { why: 'large'; limit: number } | { why: 'jump'; before: number };

/** Why a figure deserves a confirmation, or null when it looks ordinary. */
export function doubtAbout(
  cell: CellDef,
  value: number,
  kind: OrgKind,
  previous?: DraftReport,
): Doubt | null {
  const usual = USUAL[levelOf(kind)];
  const limit = cell.kind === 'amount' ? usual.amount : usual[cell.section];
  if (value > limit) return { why: 'large', limit };
  const before = previous ? getCell(previous, cell) : undefined;
  if (cell.kind === 'count' && before !== undefined && value >= 20 && value > 10 * Math.max(before, 1))
    return { why: 'jump', before };
  return null;
}
