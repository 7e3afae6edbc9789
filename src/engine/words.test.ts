// What people send the chat, read: commands and their Chinese aliases, yes and no, choice numbers,
// section names, and the question a pressed button belongs to.
import { describe, expect, it } from 'vitest';
import { FORM_2021 as F } from '../../forms/report-2021';
import type { Step } from './plan';
import {
  is,
  jumpData,
  parseChoices,
  parseJump,
  parseSection,
  parseTag,
  parseToggle,
  parseYesNo,
  taggedText,
  toggleData,
  WORDS,
} from './words';

describe('words and commands', () => {
  it.each([
    ['back', ['/back', '上一步', '返回', '上一题']],
    ['skip', ['/skip', '跳过']],
    ['review', ['/review', '查看', '预览', '汇总']],
    ['submit', ['/submit', '提交']],
    ['confirm', ['确认提交']],
    [
      'keep',
      [
        '下一项',
        '下一步',
        '下一题',
        '继续',
        '完成',
        '好了',
        '好的',
        '写完了',
        '写好了',
        '没了',
        '没有了',
        '就这些',
        '完毕',
        '保留并继续',
        '先填后面的',
      ],
    ],
    ['clear', ['清空重写']],
    ['restZero', ['本节其余为0', '其余为0', '其余都是0']],
    ['picked', ['选好了', '完成选择']],
    ['cancel', ['/cancel', '取消', '退出']],
    ['edit', ['/edit', '修改']],
  ] as const)('%s is said as %j', (word, aliases) => {
    expect(WORDS[word]).toEqual(aliases);
    for (const alias of aliases) expect(is(alias, word)).toBe(true);
  });

  it('takes only the whole message as the word', () => {
    expect(is('跳过吧', 'skip')).toBe(false);
    expect(is('下一项 ', 'keep')).toBe(false);
    expect(is('/BACK', 'back')).toBe(false);
    expect(is('跳过', 'back')).toBe(false);
  });
});

describe('parseYesNo', () => {
  it.each(['是', '有', '是的', '对', 'yes', 'y', '1', 'YES', 'Y'])('%j is yes', (text) => {
    expect(parseYesNo(text)).toBe(true);
  });
  it.each(['否', '没有', '无', '不是', '没', 'no', 'n', '0', 'No', 'N'])('%j is no', (text) => {
    expect(parseYesNo(text)).toBe(false);
  });
  it.each(['', '是吗', '有的', '2', 'ok', '不'])('%j is neither', (text) => {
    expect(parseYesNo(text)).toBeNull();
  });
});

describe('parseChoices', () => {
  const columns: Extract<Step, { kind: 'choose' }> = {
    kind: 'choose',
    id: 's3.columns',
    section: 's3',
    name: '申请人类型',
    choices: F.choices.s3Columns,
    common: [1, 2, 3, 4, 5, 6],
  };
  const rows: Extract<Step, { kind: 'choose' }> = {
    ...columns,
    id: 's3.rows',
    name: '办理结果',
    choices: F.choices.s3Rows,
  };

  it.each([
    ['1,3', [1, 3]],
    ['1 3', [1, 3]],
    ['1，3', [1, 3]],
    ['1、3', [1, 3]],
    ['1;3', [1, 3]],
    ['1；3', [1, 3]],
    ['1和3', [1, 3]],
    ['1及3', [1, 3]],
    ['3,1,3', [1, 3]],
    ['１，３', [1, 3]],
    [' 2 ', [2]],
    ['1, ,6', [1, 6]],
    ['自然人 商业企业', [1, 2]],
    ['其他法人或组织、1', [1, 6]],
  ])('reads %j as %j', (text, picked) => {
    expect(parseChoices(text, columns)).toEqual(picked);
  });

  it('reads numbers of two digits', () => {
    expect(parseChoices('12,21', rows)).toEqual([12, 21]);
    expect(parseChoices('予以公开 部分公开', rows)).toEqual([1, 2]);
  });

  it.each(['', ' , ', '7', '0', '1,7', '1x', 'x1', '自然', '1.5', '-1', '0x1', '1e0'])(
    'refuses %j',
    (text) => {
      expect(parseChoices(text, columns)).toBeNull();
    },
  );
});

describe('toggles, jumps and tags', () => {
  it('a toggle is 「选 n」', () => {
    expect(toggleData(3)).toBe('选 3');
    expect(parseToggle('选 3')).toBe(3);
    expect(parseToggle('选3')).toBe(3);
    expect(parseToggle('选  12')).toBe(12);
    expect(parseToggle('选 ３')).toBe(3);
    expect(parseToggle('选 123')).toBeNull();
    expect(parseToggle('选')).toBeNull();
    expect(parseToggle('选 a')).toBeNull();
    expect(parseToggle('再选 3')).toBeNull();
    expect(parseToggle('选 3 个')).toBeNull();
    expect(parseToggle('3')).toBeNull();
  });

  it('a jump names its question in 「」', () => {
    expect(jumpData('新收·自然人')).toBe('改「新收·自然人」');
    expect(parseJump('改「新收·自然人」')).toBe('新收·自然人');
    expect(parseJump('改「」')).toBeNull();
    expect(parseJump('请改「新收·自然人」')).toBeNull();
    expect(parseJump('改「新收·自然人」吧')).toBeNull();
    expect(parseJump('新收·自然人')).toBeNull();
  });

  it('a press sent as text names its question in 〔〕 at the end', () => {
    expect(taggedText('0', '行政许可·本年处理决定数量')).toBe('0 〔行政许可·本年处理决定数量〕');
    expect(parseTag('0 〔行政许可·本年处理决定数量〕')).toEqual({
      text: '0',
      name: '行政许可·本年处理决定数量',
    });
    expect(parseTag('  下一项   〔（一）主动公开〕')).toEqual({ text: '下一项', name: '（一）主动公开' });
    expect(parseTag('第一行\n第二行 〔五、存在的主要问题及改进情况〕')).toEqual({
      text: '第一行\n第二行',
      name: '五、存在的主要问题及改进情况',
    });
    expect(parseTag('〔是否收到申请〕')).toEqual({ text: '', name: '是否收到申请' });
    expect(parseTag('a〔b〔c〕')).toEqual({ text: 'a〔b', name: 'c' });
    expect(parseTag('0 〔〕')).toBeNull();
    expect(parseTag('0 〔名称〕。')).toBeNull();
    expect(parseTag('0')).toBeNull();
  });
});

describe('parseSection', () => {
  it.each([
    ['三', 's3'],
    ['3', 's3'],
    ['s3', 's3'],
    ['S3', 's3'],
    ['三、', 's3'],
    ['第三部分', 's3'],
    ['第三节', 's3'],
    [' 六 ', 's6'],
    ['一', 's1'],
    ['1', 's1'],
    ['第6部分', 's6'],
  ])('%j is section %s', (word, id) => {
    expect(parseSection(F, word)).toBe(id);
  });

  it.each(['七', '7', '0', 's7', '', '三四', '部分三', '三第', '节三', '、三', '第 三 部分 x'])(
    '%j is no section',
    (word) => {
      expect(parseSection(F, word)).toBeNull();
    },
  );
});
