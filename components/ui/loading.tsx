export function Loading({ label = '加载中…' }: { label?: string }) {
  return (
    <div role="status" className="px-5 py-8 text-center text-sm text-muted">
      {label}
    </div>
  );
}

export function LoadError({ message }: { message: string }) {
  return (
    <div role="alert" className="px-5 py-8 text-center text-sm text-danger">
      加载失败：{message}
    </div>
  );
}
