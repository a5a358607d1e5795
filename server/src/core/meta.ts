/** Facts about planlint itself, in one place. */
export const NAME = 'planlint';
export const VERSION = '0.1.0';
export const HOMEPAGE = 'https://github.com/planlint/planlint';

/** Where a rule's documentation lives. */
export function ruleDocUrl(rule: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${rule}.md`;
}
