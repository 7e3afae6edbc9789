// The kinds of body in the org tree. Not part of any one version of the format: the format says
// which kinds are asked a row (规章 is made only by provincial governments and cities).
export const ORG_KINDS = ['county', 'township', 'subdistrict', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
