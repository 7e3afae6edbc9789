// The charts of the data view rank a province's bodies by one pass each: the same bars, in the same
// order, as sorting every body would give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byName, FIGURE_IDS, NO_COUNTS, showFigure, type Counts } from '../engine/stats';
import { forCharts, ranked } from './data-view';

const body = fc.record({
  // Few names and few values, so that ties are common.
  name: fc.constantFrom('甲镇', '乙镇', '丙镇', '丁镇', '白营镇', '城关镇', 'A乡', '东街道'),
  now: fc
    .record({
      received: fc.integer({ min: 0, max: 4 }),
      granted: fc.integer({ min: 0, max: 4 }),
      decided: fc.integer({ min: 0, max: 6 }),
      fees: fc.constantFrom(0, 0.5, 1.25),
    })
    .map((c): Counts => ({ ...NO_COUNTS, ...c })),
});

describe('the bars of a chart', () => {
  it('are the first n bodies of the whole order: largest first, none last, ties by name', () => {
    fc.assert(
      fc.property(fc.array(body, { maxLength: 80 }), fc.integer({ min: 0, max: 40 }), (bodies, n) => {
        const charted = forCharts(bodies);
        for (const id of FIGURE_IDS) {
          const everyBody = charted
            .map((b) => ({ label: b.name, value: b.figures[id] }))
            .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || byName(a.label, b.label))
            .slice(0, n)
            .map((d) => [d.label, showFigure(id, d.value)]);
          expect(ranked(charted, id, n).map((d) => [d.label, d.shown])).toEqual(everyBody);
        }
      }),
      { numRuns: 200 },
    );
  });
});
