export interface MenuEntry {
  label: string;
  href?: string;
  sandboxOnly?: boolean;
  children?: MenuEntry[];
}

// The left menu of SPEC §10. An entry is listed only once its page works.
export const MENU: MenuEntry[] = [
  { label: '概览', href: '/' },
  { label: '模拟时钟', href: '/clock', sandboxOnly: true },
];

export function visibleMenu(sandbox: boolean, entries: MenuEntry[] = MENU): MenuEntry[] {
  return entries
    .filter((e) => sandbox || !e.sandboxOnly)
    .map((e) => (e.children ? { ...e, children: visibleMenu(sandbox, e.children) } : e));
}
