// Every sentence the report surface shows a user (the schema's errors, each naming a path), in one
// place so the wording can be reviewed and tests can refer to it.

export const SCHEMA_COPY = {
  missing: '缺少此项',
  count: '应为非负整数',
  amount: '应为非负数（单位：万元，可带小数）',
  text: '应为文字',
  textTooLong: (max: number) => `文字过长，最多 ${max} 字`,
  object: '格式不对，应为一组字段',
  unknownKeys: (keys: readonly string[]) => `不认识的字段：${keys.join('、')}`,
  row: (columns: readonly string[]) => `应为 ${columns.length} 个非负整数（依次为${columns.join('、')}）`,
  tooLarge: (max: number) => `超出了可填的范围（最大 ${max}）`,
  formVersion: (known: readonly string[]) =>
    known.length === 1
      ? `应为 "${known[0]}"（${known[0]} 年起的全国统一格式）`
      : `应为 ${known.map((v) => `"${v}"`).join('、')} 之一（全国统一格式的各个版本）`,
  orgName: '应为机关名称，1 到 100 字',
  orgKind: (kinds: readonly string[]) => `机关类型应为 ${kinds.join('、')} 之一`,
  year: '应为报告年度，如 2025',
  unknownOrg: '（单位名称缺失）',
};
