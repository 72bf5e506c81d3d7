import { ProductPanel } from '@/components/product/product-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function ProductPage() {
  return (
    <>
      <PageHeader title="图像分析" />
      <ProductPanel />
    </>
  );
}
