// The workbench's editor screens' words, Korean first; wired into the app dictionary as
// `t.workbench.editor` (apps/web/src/i18n/dictionaries.ts).

export const editorKo = {
  title: "분석 쿼리",
};

export const editorEn: typeof editorKo = {
  title: "Queries",
};
