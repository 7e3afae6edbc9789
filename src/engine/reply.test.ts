import { describe, expect, it } from 'vitest';
import { reply } from './reply';

describe('reply', () => {
  it('is the text alone when there are no buttons', () => {
    expect(reply('已记下。')).toEqual({ text: '已记下。' });
    expect('buttons' in reply('已记下。')).toBe(false);
  });

  it('keeps the rows of buttons given', () => {
    const buttons = [[{ label: '是', data: '是' }], [{ label: '上一步', data: '上一步' }]];
    expect(reply('有申请吗？', buttons)).toEqual({ text: '有申请吗？', buttons });
  });
});
