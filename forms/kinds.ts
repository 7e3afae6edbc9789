// The kinds of body in the org tree. Not part of any one version of the format: the format says
// which kinds are asked a row (规章 is made only by provincial governments and cities).
export const ORG_KINDS = ['province', 'city', 'county', 'township', 'subdistrict', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/**
 * The kinds of body a supervisor may add under their own: a province's cities (and the counties it
 * runs directly), a city's counties and districts, a county's townships and subdistricts, and the
 * departments of each level.
 */
export const CHILD_KINDS: Readonly<Record<OrgKind, readonly OrgKind[]>> = {
  province: ['city', 'county', 'department'],
  city: ['county', 'department'],
  county: ['township', 'subdistrict', 'department'],
  township: [],
  subdistrict: [],
  department: [],
};
