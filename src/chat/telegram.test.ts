import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMessages } from './telegram';
import { splitText } from './types';

describe('telegram messages', () => {
  it('splits long texts under the limit at line breaks, losing nothing, buttons on the last part', () => {
    const text = Array.from({ length: 400 }, (_, i) => `第 ${i} 行：某某镇人民政府（填报中）`).join('\n');
    const msgs = toMessages('1', [{ text, buttons: [[{ label: '提交', data: '/submit' }]] }]);
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect((m.text as string).length).toBeLessThanOrEqual(4000);
    expect(msgs.map((m) => m.text).join('\n')).toBe(text);
    expect(msgs.slice(0, -1).every((m) => !('reply_markup' in m))).toBe(true);
    expect(msgs.at(-1)!.reply_markup).toEqual({
      inline_keyboard: [[{ text: '提交', callback_data: '/submit' }]],
    });
  });

  it('splitText keeps every character for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.integer({ min: 10, max: 500 }), (text, limit) => {
        const parts = splitText(text, limit);
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(limit);
        expect(parts.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
      }),
    );
  });

  it('keeps button data within Telegram’s 64 bytes', () => {
    const [m] = toMessages('1', [{ text: 'x', buttons: [[{ label: 'a', data: '很'.repeat(40) }]] }]);
    const data = (m!.reply_markup as any).inline_keyboard[0][0].callback_data as string;
    expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(64);
  });
});
