'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { MenuEntry } from './menu';

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function SideMenu({ entries }: { entries: MenuEntry[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="主菜单" className="w-52 shrink-0 border-r border-line bg-white py-3">
      <ul>
        {entries.map((entry) => (
          <li key={entry.label}>
            {entry.href ? (
              <MenuLink href={entry.href} label={entry.label} active={isActive(pathname, entry.href)} />
            ) : (
              <>
                <div className="px-5 pb-1 pt-3 text-xs text-muted">{entry.label}</div>
                <ul>
                  {entry.children?.map((child) => (
                    <li key={child.label}>
                      <MenuLink href={child.href!} label={child.label} active={isActive(pathname, child.href!)} indent />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MenuLink({ href, label, active, indent }: { href: string; label: string; active: boolean; indent?: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`block border-l-2 py-2 text-sm ${indent ? 'pl-8' : 'pl-5'} ${
        active ? 'border-brand bg-brand/5 font-medium text-brand' : 'border-transparent text-ink hover:bg-page'
      }`}
    >
      {label}
    </Link>
  );
}
