/**
 * Expands Terraform `dynamic` blocks (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks)
 * at every depth: hcl2json gives `dynamic: { <name>: [{ for_each, iterator, content: [{...}] }] }` (or a list of those),
 * which becomes one `<name>` block holding the content, beside any literal `<name>` blocks. Values in
 * the content stay expressions (`${setting.value}`), so they are unknown, never guessed; a block a
 * `dynamic` supplies counts as present, as Terraform cannot know either until plan.
 */
export function expandDynamicBlocks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandDynamicBlocks);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key !== 'dynamic') result[key] = expandDynamicBlocks(item);
  }
  const dynamic = (value as Record<string, unknown>).dynamic;
  for (const entry of Array.isArray(dynamic) ? dynamic : dynamic === undefined ? [] : [dynamic]) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [name, blocks] of Object.entries(entry as Record<string, unknown>)) {
      for (const block of Array.isArray(blocks) ? blocks : []) {
        const content = (block as { content?: unknown }).content;
        const body = Array.isArray(content) ? content[0] : content;
        const expanded = expandDynamicBlocks(typeof body === 'object' && body !== null ? body : {});
        const existing = result[name];
        result[name] = [
          ...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]),
          expanded,
        ];
      }
    }
  }
  return result;
}
