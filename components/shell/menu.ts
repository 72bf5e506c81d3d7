export interface MenuEntry {
  label: string;
  href?: string;
  sandboxOnly?: boolean;
  /** Shown to operator accounts only (their tRPC procedures refuse everyone else). */
  operatorOnly?: boolean;
  children?: MenuEntry[];
}

// The left menu of SPEC §10. An entry is listed only once its page works.
export const MENU: MenuEntry[] = [
  { label: '概览', href: '/' },
  { label: '图像分析', href: '/product' },
  { label: '资源列表', children: [{ label: '图像分析资源包', href: '/packs' }] },
  { label: '用量统计', href: '/usage' },
  {
    label: '费用中心',
    children: [
      { label: '账单', href: '/billing/bills' },
      { label: '账户', href: '/billing/account' },
      { label: '订单', href: '/billing/orders' },
    ],
  },
  { label: '消息中心', href: '/messages' },
  { label: 'API 密钥', href: '/api-keys' },
  { label: '在线调试', href: '/explorer' },
  { label: '请求日志', href: '/requests' },
  { label: '模拟时钟', href: '/clock', sandboxOnly: true },
  { label: '人物库', href: '/gallery', operatorOnly: true },
];

export interface MenuViewer {
  sandbox: boolean;
  isOperator: boolean;
}

export function visibleMenu(viewer: MenuViewer, entries: MenuEntry[] = MENU): MenuEntry[] {
  return entries
    .filter((e) => (viewer.sandbox || !e.sandboxOnly) && (viewer.isOperator || !e.operatorOnly))
    .map((e) => (e.children ? { ...e, children: visibleMenu(viewer, e.children) } : e));
}
