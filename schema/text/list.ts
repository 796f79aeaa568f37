/**
 * A list written as text — `中成药、化学药制剂，抗生素制剂`, `湖北省/湖南省`, one per line — split into its items:
 * one set of separators (、，,;；/／, line breaks, tabs) for record validation, the importer, the rules and
 * the web's list inputs. An item of `keepWhole` (a vocabulary or enum label that itself holds a separator,
 * such as 蛋白同化制剂/肽类激素) is recognised before splitting and stays one item.
 */
export const LIST_SEPARATORS = /[、，,;；/／\n\r\t]+/;

/** The trimmed, non-empty items of `text`. */
export function splitListText(text: string, keepWhole: readonly string[] = []): string[] {
  let s = text;
  const kept: string[] = [];
  for (const item of keepWhole) {
    if (!LIST_SEPARATORS.test(item) || !s.includes(item)) continue;
    s = s.split(item).join(`\u0000${kept.length}\u0000`);
    kept.push(item);
  }
  return s
    .split(LIST_SEPARATORS)
    .map((x) => x.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]).trim())
    .filter(Boolean);
}
