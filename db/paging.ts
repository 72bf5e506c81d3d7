export interface PageRequest {
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

const MAX_PAGE_SIZE = 100;

/** Clamps what a client asked for to a page the database can serve cheaply. */
export function pageWindow(req: PageRequest = {}): { page: number; pageSize: number; offset: number } {
  const page = Math.max(1, Math.floor(req.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(req.pageSize ?? 20)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}
