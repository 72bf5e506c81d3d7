import { GalleryPanel } from '@/components/gallery/gallery-panel';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/server/auth/current-user';

export default async function GalleryPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="人物库" />
      {user.isOperator ? (
        <GalleryPanel />
      ) : (
        <div className="p-6">
          <Alert tone="error">无权访问：人物库仅对运营人员开放。</Alert>
        </div>
      )}
    </>
  );
}
