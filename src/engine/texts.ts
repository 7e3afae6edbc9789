// What a text section says, judged the same way by the checker (rule 9) and the reviewer's rules.

/** A text that says nothing: empty, or only "none" in one of its usual words. */
const NONE_TEXT = /^(无|没有|暂无|无此项|不涉及|空|略)$/;

export function normaliseText(text: unknown): string {
  return typeof text === 'string' ? text.replace(/[\s\u3000]+/g, '').replace(/[。．.，,；;：:]+$/, '') : '';
}

export function isEmptyText(text: unknown): boolean {
  const t = normaliseText(text);
  return t === '' || NONE_TEXT.test(t);
}
