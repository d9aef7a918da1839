// The workbench's browse screens' words, Korean first; wired into the app dictionary as
// `t.workbench.browse` (apps/web/src/i18n/dictionaries.ts).

export const browseKo = {
  title: "분석 쿼리",
};

export const browseEn: typeof browseKo = {
  title: "Queries",
};
