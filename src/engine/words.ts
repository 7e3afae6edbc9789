// What people send the chat flow, read: the words and commands it understands with their Chinese
// aliases, yes and no, chosen numbers, a section's name, and the question a pressed button belongs
// to (a hidden tag on platforms with buttons, a visible 〔名称〕 where a press is sent as text).
import type { Form, SectionId } from '../../forms';
import type { Step } from './plan';

/** Words and commands the flow understands, each with its Chinese aliases (the whole message). */
export const WORDS = {
  back: ['/back', '上一步', '返回', '上一题'],
  skip: ['/skip', '跳过'],
  review: ['/review', '查看', '预览', '汇总'],
  submit: ['/submit', '提交'],
  confirm: ['确认提交'],
  /** "I'm done with this one": never stored as report text. */
  keep: [
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
  clear: ['清空重写'],
  restZero: ['本节其余为0', '其余为0', '其余都是0'],
  picked: ['选好了', '完成选择'],
  cancel: ['/cancel', '取消', '退出'],
  /** Importing a published report in chat: the pasted text is complete; keep what was read. */
  readImport: ['读取', '读取报告', '发完了', '发完', '好了'],
  keepImport: ['确认', '确认导入', '保存'],
  edit: ['/edit', '修改'],
} as const;

export function is(text: string, word: keyof typeof WORDS): boolean {
  return (WORDS[word] as readonly string[]).includes(text);
}

const YES = new Set(['是', '有', '是的', '对', 'yes', 'y', '1']);
const NO = new Set(['否', '没有', '无', '不是', '没', 'no', 'n', '0']);

export function parseYesNo(text: string): boolean | null {
  const t = text.toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** "1,3" "1 3" "1、3" "自然人 商业企业" → choice numbers; null if anything is not a choice. */
export function parseChoices(text: string, step: Extract<Step, { kind: 'choose' }>): number[] | null {
  const parts = text
    .normalize('NFKC')
    .split(/[\s,，、;；和及]+/)
    .filter(Boolean);
  if (parts.length === 0) return null;
  const picked = new Set<number>();
  for (const part of parts) {
    const byNo = /^\d+$/.test(part) ? step.choices.find((c) => c.no === Number(part)) : undefined;
    const byLabel = step.choices.find((c) => c.label === part);
    const choice = byNo ?? byLabel;
    if (!choice) return null;
    picked.add(choice.no);
  }
  return [...picked].sort((a, b) => a - b);
}

/** A toggle of one choice in a multiple choice: "选 3". */
export function parseToggle(text: string): number | null {
  const m = /^选\s*(\d{1,2})$/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

/** The data a toggle button sends. */
export const toggleData = (no: number) => `选 ${no}`;

/** Which section a word names: 三, 3, s3, 三、, 第三部分. */
export function parseSection(form: Form, word: string): SectionId | null {
  const w = word
    .replace(/^第|部分$|节$|、$/g, '')
    .trim()
    .toLowerCase();
  const found = form.sections.find((s, i) => w === s.no || w === String(i + 1) || w === s.id);
  return found ? found.id : null;
}

/** A jump to a question by its name: 改「新收·自然人」. */
export const jumpData = (name: string) => `改「${name}」`;
export function parseJump(text: string): string | null {
  return /^改「(.+)」$/.exec(text)?.[1] ?? null;
}

/** A press sent as text names its question at the end: 0 〔行政许可·本年处理决定数量〕. */
export const taggedText = (data: string, name: string) => `${data} 〔${name}〕`;
export function parseTag(text: string): { text: string; name: string } | null {
  const m = /^([\s\S]*?)\s*〔([^〔〕]+)〕$/.exec(text);
  return m ? { text: m[1]!.trim(), name: m[2]! } : null;
}
